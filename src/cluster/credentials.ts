// Applies a kubeconfig's cluster and user to an HTTPS request, as kubectl does:
// the CA, client certificate and key (inline or from files), insecure-skip-tls-verify,
// tls-server-name, a bearer token or token file, basic auth, impersonation, and
// exec credential plugins (client-node's small ExecAuth, imported alone). The
// rare rest (auth-provider, proxy-url) goes through client-node's whole KubeConfig,
// loaded only then.
import type https from 'node:https';
import { text, type Fields } from './kubeconfig-model.js';
import { readRegularFile } from './read-regular-file.js';

export interface Credentials {
  apply(request: https.RequestOptions): Promise<void>;
  /**
   * Applies what the connection itself is made with (the CA, the client certificate and key,
   * tls-server-name, insecure-skip-tls-verify), no token and no plugin run: what opening the
   * connection ahead of the requests needs. None when client-node applies the credentials.
   */
  tls?(request: https.RequestOptions): void;
}

/** Certificates, keys and tokens are small; a bigger file is not one. */
const MAX_CREDENTIAL_FILE = 1024 * 1024;

const inlineOrFile = (fields: Fields, dataField: string, fileField: string): Buffer | undefined => {
  const data = text(fields, dataField);
  if (data !== undefined) return Buffer.from(data, 'base64');
  const file = text(fields, fileField);
  return file === undefined ? undefined : readRegularFile(file, MAX_CREDENTIAL_FILE);
};

type ExecAuthenticator = { applyAuthentication(user: never, request: https.RequestOptions): Promise<void> };

/** What tp does not apply itself: client-node's whole KubeConfig does it. */
export const needsClientNode = (cluster: Fields, user: Fields): boolean => user['auth-provider'] !== undefined || text(cluster, 'proxy-url') !== undefined;

export const credentialsOf = (
  cluster: Fields,
  userName: string,
  user: Fields,
  viaClientNode: () => Promise<{ applyToHTTPSOptions(request: https.RequestOptions): Promise<void> }>,
): Credentials => {
  if (needsClientNode(cluster, user)) return { apply: async (request) => (await viaClientNode()).applyToHTTPSOptions(request) };
  let exec: Promise<ExecAuthenticator> | undefined;
  const tls = (request: https.RequestOptions): void => {
    const ca = inlineOrFile(cluster, 'certificate-authority-data', 'certificate-authority');
    if (ca) request.ca = ca;
    if (cluster['insecure-skip-tls-verify'] === true) request.rejectUnauthorized = false;
    const serverName = text(cluster, 'tls-server-name');
    if (serverName) request.servername = serverName;
    const cert = inlineOrFile(user, 'client-certificate-data', 'client-certificate');
    if (cert) request.cert = cert;
    const key = inlineOrFile(user, 'client-key-data', 'client-key');
    if (key) request.key = key;
  };
  return {
    tls,
    async apply(request) {
      tls(request);
      const headers = (request.headers ??= {}) as Record<string, string>;
      const impersonate = text(user, 'as');
      if (impersonate) headers['Impersonate-User'] = impersonate;
      const username = text(user, 'username');
      if (username) request.auth = `${username}:${text(user, 'password') ?? ''}`;
      const tokenFile = text(user, 'token-file') ?? text(user, 'tokenFile');
      // kubectl prefers the token written in the file over token-file.
      const token = text(user, 'token') ?? (tokenFile ? readRegularFile(tokenFile, MAX_CREDENTIAL_FILE).toString('utf8').trim() : undefined);
      if (token) headers['Authorization'] = `Bearer ${token}`;
      if (user['exec'] !== undefined) {
        // One authenticator per connection: it keeps the plugin's token until it expires.
        exec ??= import('@kubernetes/client-node/dist/exec_auth.js').then(({ ExecAuth }) => new ExecAuth() as ExecAuthenticator);
        await (await exec).applyAuthentication({ name: userName, exec: user['exec'] } as never, request);
      }
    },
  };
};
