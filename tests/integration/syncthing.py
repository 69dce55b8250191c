"""Test support: real Syncthing instances on 127.0.0.1 with their own homes, nothing
reaching the outside (discovery, relays, NAT, usage reporting, crash reports and upgrades
off), introduced to each other and sharing a folder through the REST API."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OFF = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "crashReportingEnabled": "false",
    "announceLANAddresses": "false",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def executable() -> str | None:
    return shutil.which("syncthing")


@dataclass
class Instance:
    home: Path
    gui_port: int
    sync_port: int
    api_key: str
    device_id: str
    process: subprocess.Popen[bytes] | None = None

    @classmethod
    def create(cls, home: Path) -> Instance:
        env = {**os.environ, "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1"}
        subprocess.run(
            [executable() or "syncthing", "generate", f"--home={home}", "--no-default-folder"],
            check=True, capture_output=True, env=env, timeout=120,
        )
        gui_port, sync_port, api_key = free_port(), free_port(), secrets.token_hex(16)
        config = home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        device_id = root.find("device").get("id")  # type: ignore[union-attr]
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{gui_port}"  # type: ignore[union-attr]
        gui.find("apikey").text = api_key  # type: ignore[union-attr]
        options = root.find("options")
        assert options is not None
        for listen in options.findall("listenAddress"):
            options.remove(listen)
        ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{sync_port}"
        for key, value in OFF.items():
            node = options.find(key)
            if node is None:
                node = ET.SubElement(options, key)
            node.text = value
        tree.write(config)
        return cls(home, gui_port, sync_port, api_key, str(device_id))

    def start(self) -> None:
        env = {**os.environ, "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1", "STNORESTART": "1",
               "HOME": str(self.home)}
        self.process = subprocess.Popen(
            [executable() or "syncthing", "serve", f"--home={self.home}", "--no-browser",
             "--no-restart", "--no-upgrade", f"--logfile={self.home / 'syncthing.log'}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/rest/system/ping").get("ping") == "pong":
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"syncthing in {self.home} did not answer within 60 s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def _request(self, method: str, path: str, body: object | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", data=data, method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw.strip() else None

    def get(self, path: str) -> Any:
        return self._request("GET", path)

    def post(self, path: str, body: object | None = None) -> Any:
        return self._request("POST", path, body if body is not None else {})

    def introduce(self, other: Instance) -> None:
        self.post("/rest/config/devices", {
            "deviceID": other.device_id, "name": other.home.name,
            "addresses": [f"tcp://127.0.0.1:{other.sync_port}"], "autoAcceptFolders": False,
        })

    def share(self, folder_id: str, path: Path, others: list[Instance]) -> None:
        self.post("/rest/config/folders", {
            "id": folder_id, "label": folder_id, "path": str(path), "type": "sendreceive",
            "rescanIntervalS": 3600, "fsWatcherEnabled": True, "fsWatcherDelayS": 1,
            "devices": [{"deviceID": d.device_id} for d in [self, *others]],
        })

    def scan(self, folder_id: str) -> None:
        self.post(f"/rest/db/scan?folder={folder_id}")

    def connected(self, other: Instance) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))
