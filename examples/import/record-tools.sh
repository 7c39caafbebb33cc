#!/usr/bin/env bash
# Records the JMeter and Locust fixtures of `loadops import` against the sample shop on 127.0.0.1.
# Needs Debian's jmeter and python3-locust and a built sample shop (dotnet build examples/SampleTarget/LoadOps.SampleTarget -c Release).
# Usage: examples/import/record-tools.sh [PORT]   (default 5187; the shop is started and stopped by this script)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-5187}"
# shellcheck source=start-shop.sh
. "$here/start-shop.sh"

# Debian's JMeter 2.13 refuses its own plan classes under the packaged (newer) XStream; this launcher opens
# XStream's type permissions, then starts JMeter exactly as `jmeter -n` does.
cp "$here/JMeterPermissive.java" "$work/"
classpath="$(find -L /usr/share/jmeter/lib /usr/share/jmeter/bin -name '*.jar' | tr '\n' ':')"
javac -d "$work" -cp "$classpath" "$work/JMeterPermissive.java"
jmeter() { (cd "$work" && timeout 120 java -Djmeter.home=/usr/share/jmeter -cp "$work:$classpath" JMeterPermissive "$@"); }
rm -f "$here/shop-results.jtl" "$here/shop-results.xml.jtl"   # JMeter appends to an existing file
fields="-Jjmeter.save.saveservice.print_field_names=true"
jmeter -n -t "$here/shop-plan.jmx" -Jport="$port" $fields -l "$here/shop-results.jtl" -j "$work/csv.log"
jmeter -n -t "$here/shop-plan.jmx" -Jport="$port" -Jjmeter.save.saveservice.output_format=xml -l "$here/shop-results.xml.jtl" -j "$work/xml.log"

(cd "$work" && timeout 60 locust -f "$here/locustfile.py" --headless -u 3 -r 3 --run-time 12s \
  --host "http://127.0.0.1:$port" --csv shop --csv-full-history --only-summary >/dev/null 2>&1 || true)
cp "$work/shop_stats_history.csv" "$here/shop_stats_history.csv"
echo "recorded: shop-results.jtl, shop-results.xml.jtl, shop_stats_history.csv"
