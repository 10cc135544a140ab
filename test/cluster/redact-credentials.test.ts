import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactCredentialsIn, redactObjectCredentials } from '../../src/cluster/redact-credentials.js';
import { normaliseRegistryHost } from '../../src/cluster/redact.js';
import { registryOf } from '../../src/checks/registry-secret.js';

describe('credentials written in a registry name', () => {
  it('are redacted in an image, a URL and free text', () => {
    expect(redactCredentialsIn('alice:pw@registry.example.org/dalk/app:v0.2')).toBe('<redacted>@registry.example.org/dalk/app:v0.2');
    expect(redactCredentialsIn('https://alice:p@ss@registry.example.org:5000/v2/')).toBe('https://<redacted>@registry.example.org:5000/v2/');
    expect(redactCredentialsIn('Back-off pulling image "u:p@r.example.org/app"')).toBe('Back-off pulling image "<redacted>@r.example.org/app"');
  });

  it('are redacted whole when the password holds URL-reserved characters', () => {
    expect(redactCredentialsIn('alice:pa/ss@registry.example.org/dalk/app:v0.2')).toBe('<redacted>@registry.example.org/dalk/app:v0.2');
    expect(redactCredentialsIn('https://alice:p#a?s/s@registry.example.org/v2/')).toBe('https://<redacted>@registry.example.org/v2/');
    expect(redactCredentialsIn('image "u:x=y,z;w@r.example.org/app@sha256:0a1b" failed')).toBe('image "<redacted>@r.example.org/app@sha256:0a1b" failed');
    expect(redactCredentialsIn('--registry=u:p/w@r.example.org.')).toBe('--registry=<redacted>@r.example.org.');
    // A `://` inside the password is no URL scheme (fast-check found it): the whole userinfo goes.
    expect(redactCredentialsIn('a:QQ://KK@a')).toBe('<redacted>@a');
    expect(redactCredentialsIn('https://u:QQ://KK@r.example.org/v2/')).toBe('https://<redacted>@r.example.org/v2/');
    expect(redactCredentialsIn('--registry=https://u:p://w@r.example.org')).toBe('--registry=https://<redacted>@r.example.org');
  });

  it('leave digests, e-mail addresses, plain images and paths alone', () => {
    for (const text of [
      'dalk/app:v0.2@sha256:0123abcd', 'alice@example.org', 'registry.example.org/dalk/app:v0.2', 'no at sign: at all',
      'registry.example.org:5000/dalk/app:v1@sha256:0123', '/var/lib/data:1@backup', 'see docs/a:b@c.example.org', 'git@github.com:org/repo.git',
    ]) {
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
    // The object read is left as it was: the redacted one is another.
    expect(object.spec.template.spec.containers[0]?.image).toBe('u:p@r.example.org/app');
  });

  it('copies only what it redacts: an object with no credential is the object read', () => {
    const plain = { metadata: { name: 'web' }, spec: { containers: [{ image: 'registry.example.org/app:v1' }] } };
    expect(redactObjectCredentials(plain)).toBe(plain);
    const one = { metadata: { name: 'web' }, spec: { containers: [{ image: 'u:p@r.example.org/app' }, { image: 'app:v1' }] } };
    const redacted = redactObjectCredentials(one);
    expect(redacted.metadata).toBe(one.metadata);
    expect(redacted.spec.containers[1]).toBe(one.spec.containers[1]);
    expect(redacted.spec.containers[0]?.image).toBe('<redacted>@r.example.org/app');
  });

  it('the registry is still named by its host', () => {
    expect(normaliseRegistryHost('https://u:p@Registry.example.org/v1/')).toBe('registry.example.org');
    expect(registryOf('<redacted>@registry.example.org/dalk/app:v0.2')).toBe('registry.example.org');
  });

  it('takes time linear in the text', () => {
    const text = `${'a:b@'.repeat(250_000)}host`;
    expect(redactCredentialsIn(text)).toContain('<redacted>@host');
  });

  it('takes time linear in the text on inputs made to slow a scanner down', () => {
    const size = 400_000;
    for (const text of ['@a'.repeat(size), `${':'.repeat(size)}@h`, `u:p@${'a.'.repeat(size)}`, `${'a:b/'.repeat(size)}@h`, `u:p${'@a:'.repeat(size)}`]) {
      const started = performance.now();
      redactCredentialsIn(text);
      // A quadratic pass over 10^5-10^6 characters takes minutes; a linear one, milliseconds.
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

// Properties: whatever a raw password holds (but whitespace and quotes, which no image
// reference or URL can hold), none of it survives; references and paths are never touched.
const lower = (chars: string, min = 1, max = 8) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const label = lower('abcdefghijklmnopqrstuvwxyz0123456789');
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }))
  .map(([labels, port]) => `${labels.join('.')}${port === undefined ? '' : `:${port}`}`);
const path = fc.array(lower('abcdefghij0123456789._-'), { maxLength: 3 }).map((parts) => parts.map((p) => `/${p}`).join(''));
const tag = fc.option(lower('abcdefghijv0123456789.'), { nil: undefined }).map((t) => (t === undefined ? '' : `:${t}`));
const digest = fc.option(lower('0123456789abcdef', 8, 16), { nil: undefined }).map((d) => (d === undefined ? '' : `@sha256:${d}`));
const reference = fc.tuple(fc.option(host, { nil: undefined }), path, label, tag, digest).map(
  ([registry, repo, name, t, d]) => `${registry === undefined ? '' : `${registry}/`}${repo.replace(/^\//, '')}${repo ? '/' : ''}${name}${t}${d}`,
);
const passwordChar = fc.constantFrom(...'abcXYZ019/#?@:=,;%&!$*+()[]{}~.-_'.split(''));
// Markers at both ends: a cut anywhere in the password leaves one of them in the output.
const password = fc.string({ unit: passwordChar, maxLength: 12 }).map((middle) => `QQ${middle}KK`);
const user = lower('abcdefghijklmnopqrstuvwxyz0123456789._-');
const context = fc.constantFrom(
  (s: string) => s, (s: string) => `"${s}"`, (s: string) => `Failed to pull image "${s}": not found`,
  (s: string) => `https://${s}`, (s: string) => `{"auths":{"https://${s}":{}}}`, (s: string) => `--image=${s} and more`,
);

describe('credential redaction, as properties', () => {
  it('no character of a password written in a registry name reaches the output', () => {
    fc.assert(
      fc.property(user, password, host, path, context, (name, secret, registry, rest, place) => {
        const out = redactCredentialsIn(place(`${name}:${secret}@${registry}${rest}`));
        expect(out).not.toContain('QQ');
        expect(out).not.toContain('KK');
        expect(out).toContain(`<redacted>@${registry}${rest}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('image references, e-mail addresses and paths come out as they went in', () => {
    const plain = fc.oneof(
      reference,
      fc.tuple(user, host).map(([name, registry]) => `${name}@${registry}`),
      fc.tuple(path, lower('abc:@0123456789', 1, 12)).map(([dir, file]) => `/${dir.replace(/^\//, '')}/${file}`),
    );
    fc.assert(
      fc.property(plain, context, (text, place) => {
        expect(redactCredentialsIn(place(text))).toBe(place(text));
      }),
      { numRuns: 3000 },
    );
  });
});
