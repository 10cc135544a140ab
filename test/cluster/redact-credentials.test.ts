import { describe, expect, it } from 'vitest';
import { redactCredentialsIn, redactObjectCredentials } from '../../src/cluster/redact-credentials.js';
import { normaliseRegistryHost } from '../../src/cluster/redact.js';
import { registryOf } from '../../src/checks/registry-secret.js';

describe('credentials written in a registry name', () => {
  it('are redacted in an image, a URL and free text', () => {
    expect(redactCredentialsIn('alice:pw@registry.example.org/dalk/app:v0.2')).toBe('<redacted>@registry.example.org/dalk/app:v0.2');
    expect(redactCredentialsIn('https://alice:p@ss@registry.example.org:5000/v2/')).toBe('https://<redacted>@registry.example.org:5000/v2/');
    expect(redactCredentialsIn('Back-off pulling image "u:p@r.example.org/app"')).toBe('Back-off pulling image "<redacted>@r.example.org/app"');
  });

  it('leave digests, e-mail addresses and plain images alone', () => {
    for (const text of ['dalk/app:v0.2@sha256:0123abcd', 'alice@example.org', 'registry.example.org/dalk/app:v0.2', 'no at sign: at all']) {
      expect(redactCredentialsIn(text)).toBe(text);
    }
  });

  it('in a read object, everywhere but a ConfigMap data', () => {
    const object = {
      metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"image":"u:p@r.example.org/app"}' } },
      spec: { template: { spec: { containers: [{ name: 'app', image: 'u:p@r.example.org/app' }] } } },
      data: { 'app.conf': 'proxy=u:p@proxy.example.org' },
    };
    expect(JSON.stringify(redactObjectCredentials(object))).not.toContain('u:p@r.example.org');
    expect(redactObjectCredentials(object).data).toEqual(object.data);
  });

  it('the registry is still named by its host', () => {
    expect(normaliseRegistryHost('https://u:p@Registry.example.org/v1/')).toBe('registry.example.org');
    expect(registryOf('<redacted>@registry.example.org/dalk/app:v0.2')).toBe('registry.example.org');
  });

  it('takes time linear in the text', () => {
    const text = `${'a:b@'.repeat(250_000)}host`;
    expect(redactCredentialsIn(text)).toContain('<redacted>@host');
  });
});
