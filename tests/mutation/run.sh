#!/usr/bin/env bash
# Mutation testing: breaks the code on purpose, one bug at a time, and checks that the tests
# notice. Each mutant is a named, small edit (a sed expression on one file) of a bug a saga
# engine must never ship. For each one, on a temporary copy of the tree: apply it, build only the
# targets its tests need (ccache makes that quick), run those tests; the mutant is `killed` when
# a test fails, `SURVIVED` when every test passes. Then the edit is undone.
#
#   tests/mutation/run.sh            every mutant
#   tests/mutation/run.sh NAME...    only these (see the list below)
#   KEEP=1 tests/mutation/run.sh     keep the temporary copy (its path is printed)
#
# Prints one line per mutant, then `N mutants, K killed`; exits 1 if any survived, 2 if a mutant
# no longer applies (the code it edits has changed: update its edit). Not part of ./dev.sh test:
# run it whenever the engine, the saga log or the validator changes (docs/TESTING.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jobs=${JOBS:-2}

# name | file | sed expression (applied to that file; must change it; no '|' in it) | build targets |
# tests (a ctest -R regex; the last field, so '|' may separate alternatives there)
mutants=(
# 1. Write-ahead: the participant called at once, before the step's start is committed.
"write-ahead|engine/sagaexecutor.cpp|s/m_scheduler.afterCommit(\[this, invocation, slot = instance.slot\]() mutable {/m_scheduler.scheduleAfter(0, [this, invocation, slot = instance.slot]() mutable {/|tst_sagalog|tst_sagalog"
# 2. Reverse order: a compensation waiting for its retry taken as settled.
"compensation-retry-taken-as-settled|engine/sagaexecutor.cpp|/bool SagaExecutor::isSettled/,/^}/s/st.compensation == Phase::Succeeded;/(st.compensation == Phase::RetryWait ? true : st.compensation == Phase::Succeeded);/|tst_sagaexecutor|tst_sagaexecutor"
# 2b. Reverse order: a step compensated before its dependents (successors not waited for).
"compensation-ignores-successors|engine/sagaexecutor.cpp|s/if (!isSettled(instance, successor)) {/if (false \&\& !isSettled(instance, successor)) {/|tst_sagaexecutor|tst_sagaexecutor"
# 3. The QtSql commit fallback drops every effect.
"qtsql-fallback-drops-effects|engine/sagalog.cpp|s/^\( *\)QSqlQuery &q = m_sql->statement(s);/\1if (s == Statement::InsertEffect) return true;\n&/|tst_sagalog|tst_sagalog"
# 3b. The QtSql commit fallback forgets the final status of an instance.
"qtsql-fallback-drops-status|engine/sagalog.cpp|s/^\( *\)QSqlQuery &q = m_sql->statement(s);/\1if (s == Statement::UpdateStatus) return true;\n&/|tst_sagalog|tst_sagalog"
# 4. The invariant checker misses a refused action in a completed instance...
"checker-ignores-refused|engine/ledgerreport.cpp|s/if (s.refused != 0)/if (false)/|tst_ledgerreport|tst_ledgerreport"
# 4b. ... an effect applied twice ...
"checker-ignores-applied-twice|engine/ledgerreport.cpp|s/if (s.applied > 1)/if (s.applied > 2)/|tst_ledgerreport|tst_ledgerreport"
# 4c. ... a compensated instance whose pivot was applied ...
"checker-ignores-pivot-applied|engine/ledgerreport.cpp|s/s.kind == StepKind::Pivot \&\& s.applied != 0/s.kind == StepKind::Pivot \&\& s.applied > 1/|tst_ledgerreport|tst_ledgerreport"
# 4d. ... and a key applied twice in the log is no longer named as such.
"applied-twice-not-named|engine/sagalog.cpp|s/if (effect \&\& code == SQLITE_CONSTRAINT)/if (false)/|tst_sagalog|tst_sagalog"
# 5. The validator's "can run before": only the order drawn, not every order the engine may choose.
"validator-can-run-before-only-drawn-order|model/validator.cpp|s/const StepSet mayFailLater = m_failable.minus(m_graph.ancestors(s)).minus(self);/const StepSet mayFailLater = intersection(m_failable, m_graph.descendants(s)).minus(self);/|tst_validator tst_clivalidate sagascope-cli|^tst_validator\$|^tst_clivalidate\$"
# 5b. The validator misses a pivot running beside another (concurrent, not after it).
"validator-concurrent-pivot|model/validator.cpp|s/const StepSet beside = m_pivots.minus(m_graph.ancestors(c)).minus(m_graph.descendants(c));/const StepSet beside = m_pivots.minus(m_graph.ancestors(c));/|tst_validator|^tst_validator\$"
# 6. The simulated participant applies a key it already applied.
"participant-applies-key-twice|engine/effectsledger.cpp|s/^    if (flags \& FlagApplied)\$/    if (false)/|tst_sagalog tst_sagaexecutor|^tst_sagalog\$|^tst_sagaexecutor\$"
# 6b. The simulated participant refuses (business) a key it already applied (after a timeout).
"participant-refuses-applied-key|engine/simulatedparticipant.cpp|s/\&\& m_ledger.counts(instance, stepIndex).applied)/\&\& false)/|tst_sagalog tst_sagaexecutor|^tst_sagalog\$|^tst_sagaexecutor\$"
# 7. Recovery does not read the ledger: in-flight operations are applied again.
"recovery-ignores-ledger|engine/engine.cpp|s/job.ledger->load(record->id, graph.indexOf(effect.step), effect.operation, effect.outcome);/(void)record;/|tst_sagalog tst_engine|^tst_sagalog\$|^tst_engine\$"
# 7b. Recovery takes a failed read of the instances for "nothing to recover".
# 8. A lock file of another user is not opened read-only: that user's runs are refused.
"lock-file-of-another-user|engine/sagalog.cpp|s/if (log->m_lockFd < 0 \&\& errno == EACCES)/if (false)/|tst_readonlylog sagascope-cli|^tst_readonlylog\$"
"recovery-ignores-read-errors|engine/engine.cpp|s/m_log->instances(true, \&error);/m_log->instances(true, nullptr);/|tst_sagalog|^tst_sagalog\$"
# 9. A followed log's writer taken for alive after it was killed (#19).
"dead-writer-looks-alive|engine/writerliveness.cpp|s/    return Writer::Gone;\$/    return Writer::Alive;/|tst_writerliveness sagascope-cli|^tst_writerliveness\$"
# 9b. recover reports the run's clock instead of its own duration (#19).
"recover-reports-run-clock|engine/engine.cpp|s/    if (m_summary.recovery) \/\/ its own duration/    if (false) \/\/ its own duration/|tst_runcommand sagascope-cli|^tst_runcommand\$"
)

say() { printf '%s\n' "$*" >&2; }

selected=("$@")
work=$(mktemp -d "${TMPDIR:-/tmp}/sagascope-mutation.XXXXXX")
cleanup() { [ -n "${KEEP:-}" ] && say "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

# The copy: every file git knows or would add (tracked and untracked, not ignored).
say "copying the tree to $work/src"
mkdir -p "$work/src"
(cd "$here" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/src")

launcher=()
if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR="$work/src" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# The build tree sits where ./dev.sh puts it (src/build), configured as dev.sh does: with
# CCACHE_BASEDIR the compile commands are the same as a checkout's, so unchanged files are hits.
build="$work/src/build"
say "configuring $build"
cmake -S "$work/src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "${launcher[@]}" >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; exit 2; }

total=0 killed=0 broken=0
for entry in "${mutants[@]}"; do
    IFS='|' read -r name file expression targets tests <<<"$entry"
    if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " == *" $name "* ]]; then
        continue
    fi
    total=$((total + 1))
    src="$work/src/$file"
    cp "$src" "$work/original"
    sed -i "$expression" "$src"
    if cmp -s "$src" "$work/original"; then
        printf '%-44s does not apply (the code changed: update its edit)\n' "$name"
        broken=$((broken + 1))
        continue
    fi
    regex=$tests # the last field: its '|' are the regex's alternatives
    verdict=SURVIVED
    # shellcheck disable=SC2086
    if ! cmake --build "$build" --parallel "$jobs" --target $targets >"$work/$name.build.log" 2>&1; then
        verdict="killed"; detail="(does not compile)"
    elif ! (cd "$build" && QT_QPA_PLATFORM=offscreen ctest -R "$regex" --output-on-failure >"$work/$name.test.log" 2>&1); then
        verdict="killed"
        detail=$(grep -m1 -E '^FAIL!' "$work/$name.test.log" | sed -E 's/^FAIL! *: *//' | cut -c1-90 || true)
    else
        detail="(every test of $regex passed)"
    fi
    # ctest -R with no match passes: make sure the tests ran.
    if [ "$verdict" = SURVIVED ] && ! grep -q 'tests passed' "$work/$name.test.log"; then
        detail="(no test ran)"
    fi
    [ "$verdict" = killed ] && killed=$((killed + 1))
    printf '%-44s %-8s %s\n' "$name" "$verdict" "$detail"
    cp "$work/original" "$src" # undone: the next build recompiles it (a ccache hit)
done

echo "$total mutants, $killed killed"
[ "$broken" -eq 0 ] || exit 2
[ "$killed" -eq "$total" ] || exit 1
