"""Hold the measurements against the targets, print them as a table, keep them as JSON."""

FLOOR_FACTOR = 3.0
LARGE_VS_SMALL = 2.0
EXPORT_VS_BARE = 2.0
EXPORT_PEAK_MB = 150
# Whole-table downloads (every list's CSV, the timeline's CSV) grow with the table by design:
# they are exempt from the large-vs-small targets of time and size. Instead their queries grow
# at most with the batches they stream (a batch of DOWNLOAD_BATCH rows loads the related rows
# of each relation once: at most QUERIES_PER_BATCH), and their time is at most
# DOWNLOAD_VS_FLOOR times a floor of bare SQL streaming the same rows into the same CSV writer.
# The benchmark counts the rows a download sent ("rows") and times its floor ("floor_ms").
# Every floor includes the app's trivial page ("shell_ms"): the session check and the layout
# that no answer of the app goes without (bench/floor.py).
# Calendar feeds are bounded (partnership.timeline.calendar): they are held like pages.
DOWNLOAD_BATCH = 500  # partnership.exports.lists.BATCH
QUERIES_PER_BATCH = 8
DOWNLOAD_VS_FLOOR = 3.0


def is_whole_table_download(page: dict) -> bool:
    return page["endpoint"].startswith("exports.") or page["endpoint"] == "timeline.download_csv"


def page_targets(small: list[dict], large: list[dict]) -> list[dict]:
    """Return one verdict per target and page (only the misses and a count of what was met
    are worth reading; every verdict is kept in the results)."""
    verdicts = []
    # A 1-row page is compared with the same list filtered too (by a common word) where
    # measured, else with the list as it opens.
    fulls = {}
    for r in large:
        if r.get("family") and "1 row" not in r["page"]:
            if r["family"] not in fulls or "q=" in r["page"]:
                fulls[r["family"]] = r
    for before, after in zip(small, large, strict=True):
        page = after["page"]
        if after.get("path") is None or before.get("path") is None:
            problem = after.get("problem") or before.get("problem")
            verdicts.append(_verdict(f"{page}: measured", f"not measured: {problem}", False))
            continue
        statuses = f"{before['status']} / {after['status']}"
        if before["bytes"] < 0 or after["bytes"] < 0:
            figure = f"{before['ms']} / {after['ms']} ms, cut off after the page budget"
            verdicts.append(_verdict(f"{page}: answers within the page budget", figure, False))
            continue
        if before["status"] != 200 or after["status"] != 200:
            verdicts.append(_verdict(f"{page}: answers 200 on small / large", statuses, False))
            continue
        if is_whole_table_download(after):
            verdicts += download_targets(before, after)
            continue
        verdicts += [
            _verdict(
                f"{page}: same queries on small and large",
                f"{before['queries']} / {after['queries']}",
                before["queries"] == after["queries"],
            ),
            _ratio(f"{page}: time, large vs small", after["ms"], before["ms"], LARGE_VS_SMALL),
            _ratio(
                f"{page}: size, large vs small", after["bytes"], before["bytes"], LARGE_VS_SMALL
            ),
            _verdict(
                f"{page}: indexes for its filters and order",
                "; ".join(after["unindexed"]) or "every step uses an index",
                not after["unindexed"],
            ),
        ]
        if "floor_ms" in after:
            name = f"{page}: time vs floor, large"
            verdicts.append(_ratio(name, after["ms"], after["floor_ms"], FLOOR_FACTOR))
        full = fulls.get(after.get("family"))
        if full is not None and "1 row" in page:
            verdicts.append(
                _verdict(
                    f"{page}: same queries for 1 row as for a full page",
                    f"{after['queries']} / {full['queries']}",
                    after["queries"] == full["queries"],
                )
            )
    return verdicts


def download_targets(before: dict, after: dict) -> list[dict]:
    """A whole table's download: queries grow only with its batches, time near its floor."""
    page = after["page"]
    if "rows" not in after or "floor_ms" not in after:
        missing = "the rows it sent and its floor (bare SQL into the same CSV writer)"
        return [_verdict(f"{page}: download measured", f"not measured: {missing}", False)]
    batches = -(-after["rows"] // DOWNLOAD_BATCH)
    allowed = before["queries"] + QUERIES_PER_BATCH * batches + 1
    return [
        _verdict(
            f"{page}: queries grow only with its batches",
            f"{before['queries']} / {after['queries']} for {after['rows']} rows "
            f"(at most {allowed}: {before['queries']} + {QUERIES_PER_BATCH} x {batches} + 1)",
            after["queries"] <= allowed,
        ),
        _ratio(f"{page}: time vs floor, large", after["ms"], after["floor_ms"], DOWNLOAD_VS_FLOOR),
        _verdict(
            f"{page}: indexes for its filters and order",
            "; ".join(after["unindexed"]) or "every step uses an index",
            not after["unindexed"],
        ),
    ]


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


def print_pages(label: str, small: list[dict], large: list[dict], verdicts: list[dict]) -> None:
    """One line per page: both sizes side by side, and the targets it misses."""
    print(f"\n{label}")
    print(
        f"  {'page':<44} {'who':<7} {'ms small':>9} {'ms large':>9} {'KB small':>9} "
        f"{'KB large':>9} {'queries':>8} {'floor ms':>9}  missed"
    )
    for before, after in zip(small, large, strict=True):
        page = after["page"]
        missed = [
            v["target"].removeprefix(f"{page}: ")
            for v in verdicts
            if not v["met"] and v["target"].startswith(f"{page}: ")
        ]
        if "ms" not in after or "ms" not in before:
            print(f"  {page:<44} {after['who']:<7} {'-':>9} {'-':>9} {'-':>9} {'-':>9} "
                  f"{'-':>8} {'-':>9}  {', '.join(missed)}")  # fmt: skip
            continue
        queries = f"{before['queries']}/{after['queries']}"
        print(
            f"  {page[:44]:<44} {after['who']:<7} {before['ms']:>9} {after['ms']:>9} "
            f"{before['bytes'] / 1024:>9.1f} {after['bytes'] / 1024:>9.1f} {queries:>8} "
            f"{after.get('floor_ms', '-'):>9}  {', '.join(missed) or 'all met'}"
        )


def print_verdicts(verdicts: list[dict]) -> None:
    missed = [v for v in verdicts if not v["met"]]
    print("\nTargets not met" if missed else "\nEvery target met")
    for v in missed:
        print(f"  [NOT MET] {v['target']}: {v['figure']}")
