#!/usr/bin/env bash
# Is a slow `bench gnn` run the machine or the engine? Alternates a fixed C calibration (400M dependent FMAs;
# 40 passes summing 64 MB) with the training-step benchmark, ROUNDS times (default 10), one line per round:
#   round  fma_s  stream_s  edges_per_second  allocated_mb_per_step
# A machine slow spell shows in fma_s/stream_s; the engine's slow mode (a JIT decision, see the README's
# performance notes) shows as allocated_mb_per_step far above 21 MB with a steady calibration. Needs gcc.
# Usage: experiments/analysis/slow_mode.sh [ROUNDS]     (about 25 s per round on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/cal.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
int main(void) {
  double t0 = now(), a = 1.0, b = 1.0000001, c = 1e-9;
  for (long i = 0; i < 400000000L; i++) a = a * b + c;
  double t1 = now();
  long n = 8L << 20; double *x = malloc(n * sizeof(double)), s = 0;
  for (long i = 0; i < n; i++) x[i] = i * 1e-9;
  double t2 = now();
  for (int r = 0; r < 40; r++) for (long i = 0; i < n; i++) s += x[i];
  printf("%.3f %.3f %g\n", t1 - t0, now() - t2, a + s);
  return 0;
}
C
gcc -O2 -o "$tmp/cal" "$tmp/cal.c"
echo "round fma_s stream_s edges_per_second allocated_mb_per_step"
for i in $(seq 1 "${1:-10}"); do
  read -r f1 m1 _ < <("$tmp/cal")
  json=$(./cosmicweb bench gnn --steps 30 --warmup 10 --json 2>/dev/null | tail -1)
  read -r f2 m2 _ < <("$tmp/cal")
  eps=$(grep -o '"edges_per_second":[0-9.]*' <<<"$json" | cut -d: -f2)
  mb=$(grep -o '"allocated_mb_per_step":[0-9.]*' <<<"$json" | cut -d: -f2)
  awk -v i="$i" -v f1="$f1" -v f2="$f2" -v m1="$m1" -v m2="$m2" -v e="$eps" -v mb="$mb" \
    'BEGIN { printf "%d %.3f %.3f %.0f %s\n", i, (f1 + f2) / 2, (m1 + m2) / 2, e, mb }'
done
