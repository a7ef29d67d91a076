// SPDX-License-Identifier: MIT
// libFuzzer target for the .saga loader, the validator, the quick fixes and the writer.
// Any input must be either refused with an error, or loaded, validated, fixed and saved such
// that the saved bytes load again to the same definition (byte-stable). A crash, a hang,
// a sanitizer report or a failed check below is a finding. See docs/TESTING.md.

#include "sagaedit.h"
#include "sagafile.h"
#include "validator.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Sagascope;

static void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_sagafile: check failed: %s\n", what);
        std::abort();
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const LoadResult loaded = SagaFile::parse(bytes, QStringLiteral("fuzz.saga"));
    if (!loaded.ok()) {
        check(!loaded.error.message.isEmpty(), "a refused file has a message");
        return 0;
    }
    const QByteArray saved = SagaFile::serialize(*loaded.definition);
    const LoadResult again = SagaFile::parse(saved, QStringLiteral("saved.saga"));
    check(again.ok(), "a saved file loads again");
    check(*again.definition == *loaded.definition, "save then load gives the same definition");
    check(SagaFile::serialize(*again.definition) == saved, "save is byte-stable");

    if (loaded.definition->steps.size() > 200)
        return 0; // keep each input fast; large sagas are covered by bench_validate
    const QList<Diagnostic> diagnostics = Validator::validate(*loaded.definition);
    int errors = 0;
    for (const Diagnostic &d : diagnostics) {
        check(!d.rule.isEmpty() && !d.message.isEmpty(), "a diagnostic has a rule and a message");
        errors += d.severity == Severity::Error;
    }
    for (const Diagnostic &d : diagnostics) {
        if (!d.hasFix())
            continue;
        SagaDefinition fixed = *loaded.definition;
        check(applyEdits(fixed, d.fix), "an offered fix applies");
        const QList<Diagnostic> after = Validator::validate(fixed);
        int errorsAfter = 0;
        for (const Diagnostic &a : after) {
            errorsAfter += a.severity == Severity::Error;
            check(!(a.rule == d.rule && a.steps == d.steps && a.message == d.message), "a fix removes its diagnostic");
        }
        check(errorsAfter <= errors, "a fix adds no error");
    }
    return 0;
}
