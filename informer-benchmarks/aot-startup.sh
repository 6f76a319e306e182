#!/usr/bin/env bash
# Start-up of the sample application on the JVM with and without Spring AOT (same jar, same embedded fake cluster
# with the 16 demo objects, informers synced before "Started": wait-for-sync is on). Runs alternate the two modes so
# that machine load drifts hit both alike; prints every run, then the median of each mode and `uptime`.
#
# From the repository root:
#   mvn -B -Paot -pl informer-sample-app -am package -DskipTests    # the sample jar, AOT-processed
#   informer-benchmarks/aot-startup.sh [runs]                      # default 5 runs per mode
#
# Figures: Spring Boot's own "Started SampleApplication in X seconds (process running for Y)" (X is SpringApplication.run
# until the context is refreshed and started, Y the JVM's uptime then), and the CPU time the JVM has used (user + system,
# all threads, from /proc/<pid>/stat) when that line appears: on a loaded machine wall times follow the load, CPU time
# much less so.
set -euo pipefail

runs="${1:-5}"
jar="informer-sample-app/target/informer-sample-app-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" ]] || ! unzip -l "$jar" | grep -q '__ApplicationContextInitializer'; then
	echo "No AOT-processed $jar; build it first: mvn -B -Paot -pl informer-sample-app -am package -DskipTests" >&2
	exit 1
fi

declare -a started_jvm=() started_aot=() uptime_jvm=() uptime_aot=() cpu_jvm=() cpu_aot=()
ticks="$(getconf CLK_TCK)"

measure() {
	local mode="$1" log pid line cpu=""
	log="$(mktemp)"
	local flags=()
	[[ "$mode" == aot ]] && flags=(-Dspring.aot.enabled=true)
	java "${flags[@]}" -jar "$jar" --server.port=0 --sample.embedded-cluster.mode=always \
		--sample.embedded-cluster.workload-interval=0s --logging.level.root=warn \
		--logging.level.io.github.informer.sample.SampleApplication=info >"$log" 2>&1 &
	pid=$!
	for _ in $(seq 1 1200); do
		line="$(grep -m1 'Started SampleApplication in' "$log" || true)"
		if [[ -n "$line" ]]; then
			# fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (after the ')' of the name)
			cpu="$(sed -E 's/.*\) //' "/proc/$pid/stat" | awk -v t="$ticks" '{ printf "%.2f", ($12 + $13) / t }')"
			break
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "The $mode run exited before it started:" >&2
			cat "$log" >&2
			exit 1
		fi
		sleep 0.1
	done
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	rm -f "$log"
	[[ -n "$line" ]] || { echo "The $mode run did not start within 120 s" >&2; exit 1; }
	local started uptime
	started="$(sed -E 's/.*Started SampleApplication in ([0-9.]+) seconds.*/\1/' <<<"$line")"
	uptime="$(sed -E 's/.*process running for ([0-9.]+)\).*/\1/' <<<"$line")"
	echo "$mode: started in ${started}s, JVM up ${uptime}s, CPU ${cpu}s"
	if [[ "$mode" == aot ]]; then
		started_aot+=("$started"); uptime_aot+=("$uptime"); cpu_aot+=("$cpu")
	else
		started_jvm+=("$started"); uptime_jvm+=("$uptime"); cpu_jvm+=("$cpu")
	fi
}

median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for run in $(seq 1 "$runs"); do
	if (( run % 2 )); then measure jvm; measure aot; else measure aot; measure jvm; fi
done

echo
echo "runs per mode: $runs"
echo "median started in (SpringApplication.run until ready): without AOT $(median "${started_jvm[@]}") s, with AOT $(median "${started_aot[@]}") s"
echo "median JVM uptime when ready:                          without AOT $(median "${uptime_jvm[@]}") s, with AOT $(median "${uptime_aot[@]}") s"
echo "median CPU time used when ready:                      without AOT $(median "${cpu_jvm[@]}") s, with AOT $(median "${cpu_aot[@]}") s"
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); uptime:$(uptime)"
