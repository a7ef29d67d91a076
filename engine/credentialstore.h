// SPDX-License-Identifier: MIT
#pragma once

#include "remotespec.h"

#include <QByteArray>
#include <QString>

namespace Sagascope {

/**
 * Where OAuth client secrets and refresh tokens are kept (SPEC section 6, docs/REMOTE.md), never
 * in a .saga file, the saga log, a trace or an export:
 * - the desktop's keychain (QtKeychain: the Secret Service on Linux) when one may be asked: a
 *   D-Bus session is there and `SAGASCOPE_KEYCHAIN` is not `off`;
 * - client secrets otherwise (and first, when set) from `SAGASCOPE_SECRET_<SERVICE>`;
 * - refresh tokens otherwise in a file under the user's data directory
 *   (`$XDG_DATA_HOME/sagascope/tokens/`, directory 0700, file 0600, written atomically), which is
 *   refused when others may read it.
 * Entries are named after what they belong to (the client id and the token URL), not after the
 * .saga file, so two sagas that use the same service share one sign-in.
 * Synchronous calls wait for the keychain with a local event loop (5 s at most): use them before
 * a run starts, never while one runs; storeRefreshTokenLater() is the one for a running engine.
 */
class CredentialStore
{
public:
    enum class Where { Nowhere, Keychain, File, Environment };

    struct Found
    {
        QByteArray value;
        Where where = Where::Nowhere;
        QString error; // why it could not be read (a file with the wrong mode, a keychain error)
    };

    /** True when the desktop keychain may be asked. */
    static bool keychainEnabled();
    /** The name of the keychain entry (and the key in the file) of a service's refresh token. */
    static QString refreshTokenKey(const EndpointAuth &auth);
    /** The name of the keychain entry of a service's client secret. */
    static QString clientSecretKey(const EndpointAuth &auth);
    /** The directory of the token files (`$XDG_DATA_HOME/sagascope/tokens`). */
    static QString tokenDirectory();
    /** The file that holds the refresh token of `auth` where no keychain runs. */
    static QString tokenFile(const EndpointAuth &auth);

    /** The refresh token of `auth`: from the keychain, else from its file. */
    static Found readRefreshToken(const EndpointAuth &auth);
    /** Stores it in the keychain, or (no keychain, or it failed) in the file; where it went, or
     *  Nowhere with `error` set. */
    static Where storeRefreshToken(const EndpointAuth &auth, const QByteArray &token, QString *error);
    /** The same without waiting (a rotated token, from a running engine): the file at once, or
     *  the keychain from a writer thread of its own (the file when the keychain fails). */
    static void storeRefreshTokenLater(const EndpointAuth &auth, const QByteArray &token);
    /** Waits until every storeRefreshTokenLater() is written; false when `timeoutMs` ran out.
     *  ~HttpParticipant calls it, so that a process does not end with a rotated token unsaved. */
    static bool waitForPendingWrites(int timeoutMs = 10000);
    /** Forgets it everywhere (sign out). */
    static void removeRefreshToken(const EndpointAuth &auth);

    /** The client secret of a service: `SAGASCOPE_SECRET_<SERVICE>` when set, else the keychain. */
    static Found readClientSecret(const QString &serviceId, const EndpointAuth &auth);
    /** Stores a client secret in the keychain (there is no file for secrets). */
    static bool storeClientSecret(const EndpointAuth &auth, const QByteArray &secret, QString *error);

    /** "the desktop keychain" / "FILE (mode 0600)" / "the environment variable X", for messages. */
    static QString describe(Where where, const EndpointAuth &auth, const QString &serviceId = {});
};

} // namespace Sagascope
