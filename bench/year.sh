# A year of nightly runs (issue 15), sourced by `scripts/bench --year`; uses its helpers and variables
# ($bin, $work, $results, $commit, target, failures, sim_pid).
#
# One history database, `--nights` live runs against ges-sim, each at its own `--now` a day after the last with
# ges-sim's clock moved there; usage for the policies' windows (7d, hourly) generated per night by
# scripts/gen-usage; every `--cloud-eye-every`-th night reads Cloud Eye instead, from a second ges-sim serving that
# night's usage; `history:` from --keep-usage-days and --keep-decisions-days (the defaults: 35, 400). Prints each night's time, peak memory and database size (every 30th, the first and the last),
# then `report --since 365d --html` (the graph-day CSV apart, for information), the median CSV night of the first
# and the last week, PASS/FAIL per target, and appends the summary lines to bench/results.csv. About 77 minutes for
# the full year on a quiet 2-core machine (a stop night of ~6,000 graphs every 9 nights takes 30-40 s).

year_start=1764554400  # 2025-12-01T02:00:00Z: the year ends before the host's today, so the report sees it all.
year_dir=".bench/year-$year_graphs"
project=0123456789abcdef0123456789abcdef token=bench-token

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# sim_start FILE_VAR PID_VAR ARGS...: starts a ges-sim, sets the named variables to its endpoint and pid.
sim_start() {
  local out="$work/$1.out"
  "$bin/ges-sim" --port 0 --project-id "$project" --token "$token" --job-delay 0.1 "${@:3}" >"$out" 2>"$work/$1.log" &
  printf -v "$2" '%s' "$!"
  # Loading a large usage file takes a while; wait as long as the simulator lives.
  while ! grep -q "listening on" "$out" 2>/dev/null; do
    kill -0 "${!2}" 2>/dev/null || { echo "bench: ges-sim did not start: $(tail -n 3 "$work/$1.log")" >&2; return 1; }
    sleep 0.2
  done
  printf -v "$1" '%s' "$(sed -n 's/^ges-sim listening on \(http:[^ ]*\).*/\1/p' "$out" | head -n 1)"
}

sim_clock() { curl -fsS -X POST -d "{\"now\": \"$2\"}" "$1/_sim/clock" >/dev/null; }

# night_run NOW USAGE_ARGS...: one live night; sets $seconds and $rss_kb, prints nothing.
night_run() {
  local now="$1"; shift
  local timing="$work/time.txt" status=0
  /usr/bin/time -v -o "$timing" env GES_AUTH_TOKEN="$token" "$bin/ges-idle-stop" run --quiet \
    --config "$year_dir/history.yml" --endpoint "$ges" --project-id "$project" --policy "$year_dir/policy.yml" --now "$now" \
    --db "$year_dir/history.sqlite" --report "$work/night.csv" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
  seconds="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$timing")"
  rss_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")"
  if [ "$status" != 0 ] && [ "$status" != 6 ]; then
    echo "   night at $now exited $status: $(tail -n 3 "$work/err.txt")" >&2
  fi
}

year() {
  mkdir -p "$year_dir"
  rm -f "$year_dir/history.sqlite" "$year_dir/history.sqlite-wal" "$year_dir/history.sqlite-shm"
  local last=$((year_start + (year_nights - 1) * 86400))
  echo "== year: $year_nights nights over $year_graphs graphs, Cloud Eye every ${year_cloud_eye}th night, 7d windows," \
    "keeping $keep_usage days of usage and $keep_decisions of decisions"
  echo "history: { keep_usage_days: $keep_usage, keep_decisions_days: $keep_decisions }" >"$year_dir/history.yml"
  scripts/gen-usage --out "$year_dir" --graphs "$year_graphs" --hours 169 --period 3600 --now "$year_start" 2>/dev/null
  # The baseline: a night over ten graphs, for "what the graphs themselves need" (peak memory above it).
  scripts/gen-usage --out "$year_dir/small" --graphs 10 --hours 169 --period 3600 --now "$year_start" 2>/dev/null
  ges="" ges_pid=""
  sim_start ges ges_pid --fleet "$year_dir/small/fleet.json"
  sim_pid="$ges_pid"
  sim_clock "$ges" "$(iso "$year_start")"
  /usr/bin/time -v -o "$work/time.txt" env GES_AUTH_TOKEN="$token" "$bin/ges-idle-stop" run --quiet --endpoint "$ges" \
    --project-id "$project" --policy "$year_dir/small/policy.yml" --usage "$year_dir/small/usage.csv" \
    --now "$(iso "$year_start")" --db "$work/small.sqlite" --report "$work/small.csv" >/dev/null 2>&1 || true
  local base_kb
  base_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")"
  kill "$ges_pid" 2>/dev/null || true; wait "$ges_pid" 2>/dev/null || true

  sim_start ges ges_pid --fleet "$year_dir/fleet.json"
  sim_pid="$ges_pid"
  local first_s="" first_kb="" last_s="" last_kb="" max_kb=0 max_night=0 total=0 csv_times=()
  for night in $(seq 1 "$year_nights"); do
    local unix=$((year_start + (night - 1) * 86400)) now
    now="$(iso "$unix")"
    sim_clock "$ges" "$now"
    scripts/gen-usage --out "$work/usage" --graphs "$year_graphs" --hours 169 --period 3600 --now "$unix" 2>/dev/null
    if [ "$year_cloud_eye" -gt 0 ] && [ $((night % year_cloud_eye)) = 0 ]; then
      local ces=""
      ces_pid=""  # global: scripts/bench's cleanup stops it if the night fails
      sim_start ces ces_pid --fleet "$work/usage/fleet.json" --usage "$work/usage/usage.csv"
      sim_clock "$ces" "$now"
      night_run "$now" --usage cloud-eye --ces-endpoint "$ces"
      kill "$ces_pid" 2>/dev/null || true; wait "$ces_pid" 2>/dev/null || true; ces_pid=""
      kind="Cloud Eye"
    else
      night_run "$now" --usage "$work/usage/usage.csv"
      kind="CSV"
      csv_times+=("$seconds")
    fi
    local size
    size=$(( $(stat -c %s "$year_dir/history.sqlite") + $(stat -c %s "$year_dir/history.sqlite-wal" 2>/dev/null || echo 0) ))
    [ "$night" = 1 ] && { first_s="$seconds"; first_kb="$rss_kb"; }
    last_s="$seconds" last_kb="$rss_kb"
    if [ "$rss_kb" -gt "$max_kb" ]; then max_kb="$rss_kb"; max_night="$night"; fi
    total=$(awk -v a="$total" -v b="$seconds" 'BEGIN { print a + b }')
    if [ "$night" = 1 ] || [ "$night" = "$year_nights" ] || [ $((night % 30)) = 0 ]; then
      printf '   night %3d %s %-9s %7.2f s  peak %7.1f MB  database %8.1f MB\n' "$night" "$now" "$kind" "$seconds" \
        "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')"
    fi
  done
  kill "$ges_pid" 2>/dev/null || true; wait "$ges_pid" 2>/dev/null || true; sim_pid=""
  local db_bytes
  db_bytes=$(( $(stat -c %s "$year_dir/history.sqlite") + $(stat -c %s "$year_dir/history.sqlite-wal" 2>/dev/null || echo 0) ))

  local rows
  rows="$(sqlite3 "$year_dir/history.sqlite" 'SELECT count(*) FROM decisions' 2>/dev/null || echo 0)"
  # The target: the page alone (`report --since 365d --html`); the graph-day CSV of the same period after it,
  # for information (a row per graph and day stopped: millions of rows over a year).
  local until_iso
  until_iso="$(iso $((last + 3600)))"
  /usr/bin/time -v -o "$work/time.txt" "$bin/ges-idle-stop" report --db "$year_dir/history.sqlite" --since 365d \
    --until "$until_iso" --html "$work/year.html" 2>"$work/report.err" || true
  local report_s report_kb csv_s csv_rows
  report_s="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")"
  report_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")"
  /usr/bin/time -v -o "$work/time.txt" "$bin/ges-idle-stop" report --db "$year_dir/history.sqlite" --since 365d \
    --until "$until_iso" --out "$work/year.csv" 2>>"$work/report.err" || true
  csv_s="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")"
  csv_rows=$(( $(wc -l <"$work/year.csv") - 1 ))
  echo "   report --since 365d --html: $report_s s, peak $((report_kb / 1024)) MB, $rows decision rows kept" \
    "(graph-day CSV of the same period: $csv_rows rows in $csv_s s)"
  echo "   $year_nights nights in $total s; peak memory: baseline (10 graphs) $((base_kb / 1024)) MB," \
    "first night $((first_kb / 1024)) MB, highest $((max_kb / 1024)) MB (night $max_night)"
  # Night 1 stops every idle graph (thousands of requests), so "last ≤ 1.2 × first" alone says little about
  # growth: also compare like with like, the median CSV night of the first week (nights 2 on) and of the last.
  local early_median late_median late_from=$(( ${#csv_times[@]} > 7 ? ${#csv_times[@]} - 7 : 0 ))
  early_median="$(printf '%s\n' "${csv_times[@]:1:7}" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')"
  late_median="$(printf '%s\n' "${csv_times[@]:$late_from}" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')"
  echo "   median CSV night: first week (from night 2) $early_median s, last week $late_median s"

  local stamp tag="$year_graphs-n$year_nights-k$keep_usage-$keep_decisions${prebuilt:+-prebuilt}"
  stamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  {
    echo "$stamp,$commit,year-first-night-$tag,$year_graphs,0,$first_s,$first_kb"
    echo "$stamp,$commit,year-last-night-$tag,$year_graphs,0,$last_s,$last_kb"
    echo "$stamp,$commit,year-database-$tag,$rows,$db_bytes,,"
    echo "$stamp,$commit,year-report-365d-html-$tag,$rows,0,$report_s,$report_kb"
    echo "$stamp,$commit,year-report-365d-graph-day-csv-$tag,$csv_rows,0,$csv_s,"
    echo "$stamp,$commit,year-median-night-first-week-$tag,$year_graphs,0,$early_median,"
    echo "$stamp,$commit,year-median-night-last-week-$tag,$year_graphs,0,$late_median,"
  } >>"$results"

  target "last night's time / first night's" "$(awk -v a="$first_s" -v b="$last_s" 'BEGIN { if (a > 0) printf "%.2f", b / a }')" 1.2 x
  target "median CSV night, last week / first week" \
    "$(awk -v a="$early_median" -v b="$late_median" 'BEGIN { if (a > 0) printf "%.2f", b / a }')" 1.2 x
  target "database at the end (history: keep $keep_usage days of usage, $keep_decisions of decisions)" "$(awk -v b="$db_bytes" 'BEGIN { printf "%.0f", b / 1048576 }')" 1024 MB
  target "report --since 365d --html" "$report_s" 2 s
  # What the graphs need: the first night's peak above the ten-graph baseline; every night stays within 64 MB of it.
  target "highest nightly peak memory above what the graphs need (first night - baseline)" \
    "$(( (max_kb - (first_kb - base_kb)) / 1024 ))" 64 MB
}
