"""Hold the measurements against the targets, print them as a table, keep them as JSON."""

PAGE_VS_BARE = 3.0
LARGE_VS_SMALL = 2.0
EXPORT_VS_BARE = 2.0
EXPORT_PEAK_MB = 150


def page_targets(small: list[dict], large: list[dict]) -> list[dict]:
    """Return one verdict per target and page."""
    verdicts = []
    for before, after in zip(small, large, strict=True):
        page = after["page"]
        verdicts += [
            _verdict(
                f"{page}: same queries on small and large",
                f"{before['queries']} / {after['queries']}",
                before["queries"] == after["queries"],
            ),
            _ratio(
                f"{page}: its SQL vs bare SQL, large",
                after["sql_ms"],
                after["bare_sql_ms"],
                PAGE_VS_BARE,
            ),
            _ratio(f"{page}: large vs small", after["ms"], before["ms"], LARGE_VS_SMALL),
            _verdict(
                f"{page}: indexes for its filters and order",
                "; ".join(after["unindexed"]) or "every step uses an index",
                not after["unindexed"],
            ),
        ]
    return verdicts


def export_targets(export: dict) -> list[dict]:
    app, bare = export["app"], export["bare"]
    return [
        _ratio(
            "timeline CSV export vs csv over bare SQL",
            app["seconds"],
            bare["seconds"],
            EXPORT_VS_BARE,
        ),
        _verdict(
            "timeline CSV export: peak memory",
            f"{app['peak_mb']} MB (limit {EXPORT_PEAK_MB} MB)",
            app["peak_mb"] < EXPORT_PEAK_MB,
        ),
    ]


def _ratio(name: str, measured: float, reference: float, limit: float) -> dict:
    ratio = measured / reference if reference else float("inf")
    figure = f"{ratio:.2f}x ({measured} vs {reference}; limit {limit:g}x)"
    return _verdict(name, figure, ratio <= limit)


def _verdict(name: str, figure: str, met: bool) -> dict:
    return {"target": name, "figure": figure, "met": met}


def print_pages(label: str, results: list[dict]) -> None:
    print(f"\n{label}")
    print(
        f"  {'page':<24} {'page ms':>8} {'its SQL ms':>11} {'bare SQL ms':>12} "
        f"{'SQL ratio':>9} {'queries':>8}"
    )
    for r in results:
        ratio = r["sql_ms"] / r["bare_sql_ms"] if r["bare_sql_ms"] else 0
        print(
            f"  {r['page']:<24} {r['ms']:>8} {r['sql_ms']:>11} {r['bare_sql_ms']:>12} "
            f"{ratio:>9.2f} {r['queries']:>8}"
        )


def print_verdicts(verdicts: list[dict]) -> None:
    print("\nTargets")
    for v in verdicts:
        print(f"  [{'met' if v['met'] else 'NOT MET'}] {v['target']}: {v['figure']}")
