"""bench/results.json: the latest figures of each run, kept side by side."""

import json
from pathlib import Path

RESULTS = Path(__file__).parent / "results.json"


def save(key: str, figures: dict, path: Path = RESULTS) -> None:
    """Keep `figures` under `key`, beside what other runs wrote before."""
    results = json.loads(path.read_text()) if path.exists() else {}
    results[key] = figures
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
