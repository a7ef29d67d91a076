// SPDX-License-Identifier: MIT
// An independent, standards-conformant OAuth 2.0 authorization server for tst_oauthinterop:
// panva's oidc-provider (OpenID Certified; RFC 6749, RFC 7636, RFC 8252, RFC 8707, RFC 7662),
// pinned in package-lock.json, configured as a real deployment would be and never loosened to
// suit our client. Listens on 127.0.0.1 at a free port and prints "listening http://127.0.0.1:PORT"
// on stdout (https with INTEROP_TLS_CERT and INTEROP_TLS_KEY); ends when its standard input
// closes (the test's QProcess goes away).
//
//   clients
//     sagascope-service  confidential: client_credentials, client_secret_basic only; its secret
//                        from INTEROP_CLIENT_SECRET (never argv)
//     sagascope-native   public native app (RFC 8252): token_endpoint_auth_method none,
//                        authorization_code + refresh_token, redirect_uris http://127.0.0.1/
//                        (loopback: any port is accepted at request time, RFC 8252 7.3);
//     "sagascope native+1" the same, with an id full of characters to escape
//   PKCE               required for every authorization request, S256 only (RFC 7636)
//   resource server    ISSUER/api (RFC 8707): scope "payments" for sagascope-service, "checkout
//                      history orders:read+write" for the native clients (others asked for are not granted); the default
//                      resource of requests that name none; opaque access tokens
//   refresh tokens     issued to clients allowed the refresh_token grant, rotated for public
//                      clients (the provider's default, OAuth 2.0 security BCP)
//   interactions       /interaction/UID signs in the test user and grants what was asked at
//                      once (a person would click "Sign in" and "Continue"); the browser still
//                      goes through the provider's redirects and cookies. POST /_deny makes
//                      the next one answer access_denied, as a person who clicks "Cancel"
//                      would; GET /_interactions lists the authorization requests' parameters
//   introspection      /token/introspection (RFC 7662), for the confidential client
//   the API            ISSUER/api/...: a protected resource that accepts only this server's
//                      live access tokens for itself (401 invalid_token otherwise, RFC 6750);
//                      GET /_calls lists the calls it accepted (for the test)

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

import Provider, { errors } from 'oidc-provider';

const secret = process.env.INTEROP_CLIENT_SECRET;
if (!secret) {
  console.error('authserver.mjs: set INTEROP_CLIENT_SECRET to the confidential client\'s secret');
  process.exit(2);
}
const accessTokenTtl = Number(process.env.INTEROP_ACCESS_TOKEN_TTL || 3600);

// HTTPS with INTEROP_TLS_CERT and INTEROP_TLS_KEY (PEM files: tests/engine/data/tls).
const tls = process.env.INTEROP_TLS_CERT
  ? { cert: readFileSync(process.env.INTEROP_TLS_CERT), key: readFileSync(process.env.INTEROP_TLS_KEY) }
  : undefined;
const server = tls ? https.createServer(tls) : http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
const api = `${issuer}/api`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'sagascope-service',
      client_secret: secret,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
    {
      client_id: 'sagascope-native',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/'],
    },
    // The same, with an id that form-urlencoding must escape (RFC 6749 2.2: any VSCHARs).
    {
      client_id: 'sagascope native+1',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/'],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'interop', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { methods: ['S256'], required: () => true },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => api,
      useGrantedResource: () => true,
      // The scopes each client may have at the API (a client's own `scope` metadata may only
      // hold the server's OpenID scopes).
      getResourceServerInfo: (ctx, resource, client) => {
        if (resource !== api) throw new errors.InvalidTarget();
        const scope = client.clientId === 'sagascope-service' ? 'payments' : 'checkout history orders:read+write';
        return { scope, audience: api, accessTokenTTL: accessTokenTtl, accessTokenFormat: 'opaque' };
      },
    },
  },
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});

for (const event of ['server_error', 'authorization.error', 'grant.error', 'introspection.error']) {
  provider.on(event, (ctx, error) => console.error(`authserver: ${event}: ${error.error || ''} ${error.error_description || error.message}`));
}

let denyNext = false;
const interactions = [];

/** The sign-in and consent pages, answered at once for the test user. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  interactions.push({ prompt: prompt.name, params });
  let result;
  if (denyNext) {
    denyNext = false;
    result = { error: 'access_denied', error_description: 'The user cancelled the sign-in' };
  } else if (prompt.name === 'login') {
    result = { login: { accountId: 'interop-user' } };
  } else if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes || {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  } else {
    throw new Error(`unexpected prompt ${prompt.name}`);
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const calls = [];

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The protected resource: a live access token of this server, issued for this API. */
async function resource(req, res, path) {
  const [scheme, value] = (req.headers.authorization || '').split(' ');
  const token = scheme === 'Bearer' && value
    ? (await provider.AccessToken.find(value)) || (await provider.ClientCredentials.find(value))
    : undefined;
  const audiences = [].concat(token?.aud ?? []);
  if (!token || token.isExpired || !audiences.includes(api)) {
    return json(res, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  req.resume();
  const call = {
    id: calls.length + 1,
    method: req.method,
    path,
    client_id: token.clientId,
    sub: token.accountId,
    scope: token.scope,
    idempotencyKey: req.headers['idempotency-key'],
  };
  calls.push(call);
  return json(res, req.method === 'POST' ? 201 : 200, call);
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const { pathname } = new URL(req.url, issuer);
  let handled;
  if (pathname.startsWith('/interaction/')) handled = interaction(req, res);
  else if (pathname === '/api' || pathname.startsWith('/api/')) handled = resource(req, res, pathname);
  else if (pathname === '/_calls' && req.method === 'GET') handled = Promise.resolve(json(res, 200, { calls }));
  else if (pathname === '/_interactions' && req.method === 'GET') handled = Promise.resolve(json(res, 200, { interactions }));
  else if (pathname === '/_deny' && req.method === 'POST') {
    denyNext = true;
    handled = Promise.resolve(json(res, 200, {}));
  }
  else return callback(req, res);
  handled.catch((error) => {
    console.error(`authserver: ${req.method} ${pathname}: ${error.stack || error}`);
    if (!res.headersSent) json(res, 500, { error: 'server_error' });
  });
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
console.log(`listening ${issuer}`);
