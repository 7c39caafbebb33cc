#!/usr/bin/env bash
# Runs Debian's packaged JMeter 2.13 (apt-get install jmeter jmeter-http) with the command line of `jmeter`.
# Plain `jmeter -n` there refuses every plan (ForbiddenClassException: org.apache.jmeter.save.ScriptWrapper: the
# packaged XStream is newer than that JMeter); this starts the same JMeter with XStream's type permissions opened.
# For engine: jmeter on a Debian runner or pool VM: LOADOPS_JMETER=/path/to/debian-jmeter.sh
# (The runner image installs Apache JMeter 5 instead and needs none of this.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${JMETER_HOME:-/usr/share/jmeter}"
if [ ! -d "$home/lib/ext" ] || [ ! -f /usr/share/java/bsh.jar ]; then
  echo "error: Debian's JMeter was not found in $home (apt-get install jmeter jmeter-http)" >&2
  exit 2
fi
classpath="$(find -L "$home/lib" "$home/bin" -name '*.jar' | tr '\n' ':')/usr/share/java/bsh.jar"
exec java -Djmeter.home="$home" -cp "$classpath" bsh.Interpreter "$here/debian-jmeter.bsh" "$@"
