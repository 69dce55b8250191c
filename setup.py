"""Maps the top-level resources/ folder into the wheel as the ``briefing.resources`` package."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["briefing", "briefing.*"]), "briefing.resources"],
    package_dir={"briefing.resources": "resources"},
    package_data={"briefing.resources": ["**/*"], "briefing.storage": ["*.sql"]},
    include_package_data=False,
)
