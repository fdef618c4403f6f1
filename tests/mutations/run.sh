#!/usr/bin/env bash
# Mutation check of the reliability protections (docs/reliability.md "How each test was checked to fail without its
# protection"). Each tests/mutations/*.mut removes one protection from a copy of the sources; the tests it names must
# then FAIL (KILLED). A mutation whose tests still pass (SURVIVED), or that cannot be applied or built (ERROR), fails
# the run.
#
# Usage: bash tests/mutations/run.sh [--ci] [--anchors] [id ...]
#   no ids: every mutation; --ci: the ones marked "ci: yes" (the subset .ci/run runs);
#   --anchors: only check that every anchor still occurs exactly once (no build, seconds).
#
# How: the sources (src/, spec/, build props, global.json, .editorconfig, the sln) are copied once to a scratch dir
# under /tmp. There src/S3Spec.Server is built in Release to a scratch output, first unmutated (the baseline: every
# selected filter must PASS on it, otherwise a "killed" would mean nothing), then once per mutation with its edits
# applied (and reverted afterwards; incremental builds). tests/S3Spec.Reliability.Tests is built once, normally, from
# the repo and started with S3SPEC_SERVER_DLL pointing at the scratch server. A mutation that names another test
# project (a protection only tested in-process) runs that project's copy in the scratch dir, against the mutant.
# Mutant builds turn off TreatWarningsAsErrors and code-style enforcement (a mutant need not be tidy).
#
# Mutation file format (one per mutation, tests/mutations/<id>.mut; lines "name: value"):
#   protection: what is removed            ci: yes|no
#   tests: tests/S3Spec.Reliability.Tests  filter: an xUnit --filter expression that must FAIL with the mutation
#   file: src/...   then one or more pairs   anchor: <exact text, must occur exactly once>   replace: <text>
#   (further "file:" lines start edits in another file; "replace:" may be empty to delete the anchor)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
here="$repo/tests/mutations"
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

reliability="tests/S3Spec.Reliability.Tests"
ci_only=false
anchors_only=false
ids=()
for arg in "$@"; do
  case "$arg" in
    --ci) ci_only=true ;;
    --anchors) anchors_only=true ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) ids+=("$arg") ;;
  esac
done

field() { # field NAME FILE: the first value of "NAME: value"
  sed -n "s/^$1: \{0,1\}//p" "$2" | head -n 1
}

if [ ${#ids[@]} -eq 0 ]; then
  for f in "$here"/*.mut; do
    if ! $ci_only || [ "$(field ci "$f")" = "yes" ]; then
      ids+=("$(basename "$f" .mut)")
    fi
  done
fi
for id in "${ids[@]}"; do
  [ -f "$here/$id.mut" ] || { echo "unknown mutation: $id (no $here/$id.mut)" >&2; exit 2; }
done

scratch="$(mktemp -d /tmp/s3spec-mutations.XXXXXX)"
out="$scratch/out"
logs="$repo/artifacts/mutations"
mkdir -p "$logs"
$anchors_only || rm -f "$logs"/*.log

# Every process whose command line names the scratch dir (the servers started on the mutant dll), by pid.
stop_scratch_processes() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if [ "$pid" != "$$" ] && { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$scratch/"; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
cleanup() {
  stop_scratch_processes
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

retry() { # retry LOG CMD...: other sessions build concurrently; retried only when a file lock failed the build
  local log="$1" attempt from
  shift
  for attempt in 1 2 3; do
    from=$(wc -l <"$log")
    if "$@" >>"$log" 2>&1; then return 0; fi
    tail -n +"$((from + 1))" "$log" | grep -qiE 'being used by another process|is locked by|MSB3027|MSB3021' || return 1
    [ "$attempt" -lt 3 ] && { echo "  (file lock; retrying in 10 s)" | tee -a "$log"; sleep 10; }
  done
  return 1
}

echo "== copying sources to $scratch"
tar -C "$repo" --exclude=bin --exclude=obj --exclude=TestResults -cf - \
  src spec Directory.Build.props Directory.Packages.props global.json .editorconfig S3Spec.sln \
  $(ls "$repo" | grep -E '^(Directory\.Build\.targets|[Nn]u[Gg]et\.[Cc]onfig)$' || true) | tar -C "$scratch" -xf -

projects=()
for id in "${ids[@]}"; do
  p="$(field tests "$here/$id.mut")"
  [[ " ${projects[*]} " == *" $p "* ]] || projects+=("$p")
  if [ "$p" != "$reliability" ] && [ ! -d "$scratch/$p" ]; then
    tar -C "$repo" --exclude=bin --exclude=obj --exclude=TestResults -cf - "$p" | tar -C "$scratch" -xf -
  fi
done

build_server() { # build_server LOG
  touch "$1"
  ( cd "$scratch" && retry "$1" dotnet build src/S3Spec.Server -c Release -o "$out" --nologo -v quiet \
      -p:TreatWarningsAsErrors=false -p:EnforceCodeStyleInBuild=false )
}

run_filter() { # run_filter PROJECT FILTER LOG: 0 when the tests pass
  local project="$1" filter="$2" log="$3" status=0
  if [ "$project" = "$reliability" ]; then
    S3SPEC_SERVER_DLL="$out/S3Spec.Server.dll" dotnet test "$repo/$project" -c Release --no-build --nologo \
      --filter "$filter" --logger "console;verbosity=normal" >>"$log" 2>&1 || status=$?
  else
    ( cd "$scratch" && dotnet test "$project" -c Release --nologo --filter "$filter" \
        -p:TreatWarningsAsErrors=false -p:EnforceCodeStyleInBuild=false --logger "console;verbosity=normal" ) >>"$log" 2>&1 || status=$?
  fi
  stop_scratch_processes
  # "no test matches" is an error of the mutation file, not a pass.
  if grep -q "No test matches the given testcase filter" "$log"; then
    echo "  no test matches the filter: $filter" | tee -a "$log"
    return 2
  fi
  return $status
}

# apply_edits ID: applies the edits of a mutation in the scratch copy; returns 3 when an anchor is not found exactly
# once (the mutation file must then be updated to the code).
apply_edits() {
  local mut="$here/$1.mut" file="" anchor="" have_anchor=false key value content rest count
  while IFS= read -r line || [ -n "$line" ]; do
    key="${line%%:*}"
    value="${line#*:}"
    value="${value# }"
    case "$key" in
      file) file="$value" ;;
      anchor) anchor="$value"; have_anchor=true ;;
      replace)
        $have_anchor && [ -n "$anchor" ] || { echo "  $1: 'replace:' without a non-empty 'anchor:'" >&2; return 3; }
        [ -n "$file" ] && [ -f "$scratch/$file" ] || { echo "  $1: no such file: $file" >&2; return 3; }
        content="$(cat "$scratch/$file"; printf x)"
        content="${content%x}"
        rest="${content//"$anchor"/}"
        count=$(( (${#content} - ${#rest}) / ${#anchor} ))
        if [ "$count" -ne 1 ]; then
          echo "  $1: anchor not found, update the mutation ($count occurrences in $file): $anchor" >&2
          return 3
        fi
        printf '%s' "${content/"$anchor"/"$value"}" >"$scratch/$file"
        have_anchor=false ;;
    esac
  done <"$mut"
}

if $anchors_only; then
  bad=0
  for id in "${ids[@]}"; do
    for f in $(sed -n 's/^file: \{0,1\}//p' "$here/$id.mut" | sort -u); do
      mkdir -p "$scratch/originals/$(dirname "$f")"
      [ -f "$scratch/originals/$f" ] || cp -p "$scratch/$f" "$scratch/originals/$f"
    done
    if apply_edits "$id"; then echo "ok      $id"; else echo "BROKEN  $id"; bad=1; fi
    for f in $(sed -n 's/^file: \{0,1\}//p' "$here/$id.mut" | sort -u); do
      cat "$scratch/originals/$f" >"$scratch/$f"
    done
  done
  exit $bad
fi

echo "== building the reliability tests (repo, Release)"
: >"$logs/build-tests.log"
retry "$logs/build-tests.log" dotnet build "$reliability" -c Release --nologo -v quiet \
  || { echo "building $reliability failed: $logs/build-tests.log" >&2; exit 1; }

started=$SECONDS
echo "== baseline: the unmutated scratch server must pass every selected filter"
base_log="$logs/baseline.log"
build_server "$base_log" || { echo "baseline build failed: $base_log" >&2; exit 1; }
for project in "${projects[@]}"; do
  [ "${MUTATIONS_SKIP_BASELINE:-}" = 1 ] && { echo "   SKIPPED (MUTATIONS_SKIP_BASELINE=1: for debugging a mutation file only)"; break; }
  filters=()
  for id in "${ids[@]}"; do
    [ "$(field tests "$here/$id.mut")" = "$project" ] && filters+=("($(field filter "$here/$id.mut"))")
  done
  union="$(IFS='|'; echo "${filters[*]}")"
  if ! run_filter "$project" "$union" "$base_log"; then
    echo "BASELINE FAILED for $project: the tests fail without any mutation; see $base_log" >&2
    exit 1
  fi
done
echo "   passed ($(( SECONDS - started )) s)"

# Originals of every file a mutation touches, to revert after each mutation.
originals="$scratch/originals"
mkdir -p "$originals"
results=()
failed=0
for id in "${ids[@]}"; do
  t0=$SECONDS
  mut="$here/$id.mut"
  log="$logs/$id.log"
  project="$(field tests "$mut")"
  filter="$(field filter "$mut")"
  echo "== $id: $(field protection "$mut")"
  files=$(sed -n 's/^file: \{0,1\}//p' "$mut" | sort -u)
  for f in $files; do
    mkdir -p "$originals/$(dirname "$f")"
    [ -f "$originals/$f" ] || cp -p "$scratch/$f" "$originals/$f"
  done

  result=""
  if apply_edits "$id" 2>>"$log"; then
    if build_server "$log"; then
      status=0
      run_filter "$project" "$filter" "$log" || status=$?
      case $status in
        0) result="SURVIVED" ;;
        2) result="ERROR (filter)" ;;
        *) result="KILLED" ;;
      esac
    else
      result="ERROR (build)"
    fi
  else
    result="ERROR (anchor)"
    grep -F "anchor not found" "$log" | tail -n 1 >&2 || true
  fi

  # Revert: the original content with a fresh mtime, so the next incremental build recompiles it.
  for f in $files; do
    cat "$originals/$f" >"$scratch/$f"
  done
  [ "$result" = "KILLED" ] || failed=1
  results+=("$(printf '%-34s %-15s %4ss  %s' "$id" "$result" "$(( SECONDS - t0 ))" "$filter")")
  echo "   $result ($(( SECONDS - t0 )) s; log: $log)"
  if [ "$result" = "KILLED" ]; then
    grep -E '^\s+Failed S3Spec' "$log" | sed 's/^\s*/     failed: /' | head -n 5 || true
  fi
done

echo
echo "Mutation check $(date -u +%Y-%m-%d), $(( SECONDS - started )) s (baseline included):"
printf '%-34s %-15s %5s  %s\n' "mutation" "result" "time" "filter"
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  echo "FAIL: a mutation survived or could not be checked (logs: $logs)"
  exit 1
fi
echo "PASS: every mutation was killed"
