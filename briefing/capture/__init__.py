"""Browser capture ("Send to Briefing"): the loopback HTTP endpoint the browser extension
posts to, its request checks, and in-app pairing (Qt-free; see CONTRACTS.md).
"""
