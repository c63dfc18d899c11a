/**
 * OAuth 2.0 access tokens (RFC 6749 §1.4) as JWTs (RFC 9068 claims): HS256 with a key from the database,
 * so any server process on it verifies what another issued. `aud` is the tenant id, `sub` the client id.
 */
import { randomUUID } from 'node:crypto';
import type { SigningKey, Store } from '@provisio/store';
import { type JWTPayload, SignJWT, errors, jwtVerify } from 'jose';

/** How long one signing key signs before a new one takes over; older keys keep verifying what they signed. */
const KEY_ROTATION_MS = 30 * 24 * 3600 * 1000;
const ALGORITHM = 'HS256';

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** What a verified access token grants. */
export interface AccessTokenGrant {
  readonly clientId: string;
  readonly tenantId: string;
  readonly scope: string;
}

export type AccessTokenCheck =
  | { readonly ok: true; readonly grant: AccessTokenGrant }
  | { readonly ok: false; readonly reason: string };

interface CachedKey {
  readonly key: Uint8Array;
  /** Epoch seconds; a token issued after it was not signed by this key. */
  readonly retiredAt: number | undefined;
}

/** A compact JWS: three base64url parts. Opaque Provisio tokens (`prv_…`) never start like a JSON header. */
export function looksLikeJwt(bearer: string): boolean {
  return bearer.startsWith('eyJ') && bearer.split('.').length === 3;
}

function cacheEntry(key: SigningKey): CachedKey {
  return {
    key: Buffer.from(key.secret, 'base64url'),
    retiredAt: key.retired === undefined ? undefined : Math.floor(Date.parse(key.retired) / 1000),
  };
}

export class AccessTokens {
  /**
   * Key material never changes and `retired` only goes from unset to a time, after which no process signs
   * with the key (signing reads the current key in a transaction), so a cached entry never admits a token
   * the database would refuse.
   */
  readonly #keys = new Map<string, CachedKey>();

  constructor(
    private readonly store: Pick<Store, 'signingKeys'>,
    /** `iss`: the server's public URL. */
    private readonly issuer: () => string,
    private readonly lifetimeSeconds: number,
  ) {}

  async issue(grant: AccessTokenGrant): Promise<IssuedAccessToken> {
    const signingKey = await this.store.signingKeys.current(
      new Date(Date.now() - KEY_ROTATION_MS).toISOString(),
    );
    const accessToken = await new SignJWT({ scope: grant.scope, client_id: grant.clientId })
      .setProtectedHeader({ alg: ALGORITHM, kid: signingKey.kid, typ: 'at+jwt' })
      .setIssuer(this.issuer())
      .setAudience(grant.tenantId)
      .setSubject(grant.clientId)
      .setIssuedAt()
      .setExpirationTime(`${this.lifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(cacheEntry(signingKey).key);
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }

  async verify(jwt: string): Promise<AccessTokenCheck> {
    let payload: JWTPayload;
    let retiredAt: number | undefined;
    try {
      ({ payload } = await jwtVerify(
        jwt,
        async (header) => {
          const cached = await this.#key(header.kid);
          retiredAt = cached.retiredAt;
          return cached.key;
        },
        {
          issuer: this.issuer(),
          algorithms: [ALGORITHM],
          typ: 'at+jwt',
          requiredClaims: ['iat', 'exp', 'aud', 'sub', 'jti'],
        },
      ));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the access token has expired' };
      return { ok: false, reason: 'the access token is not valid' };
    }
    const { aud, sub, scope, iat } = payload;
    if (typeof aud !== 'string' || typeof sub !== 'string' || typeof scope !== 'string') {
      return { ok: false, reason: 'the access token is not valid' };
    }
    // Whole seconds on both sides: a token from the second of the rotation itself still passes.
    if (retiredAt !== undefined && (iat ?? Number.POSITIVE_INFINITY) > retiredAt) {
      return { ok: false, reason: 'the access token is not valid' };
    }
    return { ok: true, grant: { clientId: sub, tenantId: aud, scope } };
  }

  async #key(kid: string | undefined): Promise<CachedKey> {
    if (kid === undefined) throw new Error('the access token names no key');
    let cached = this.#keys.get(kid);
    if (!cached) {
      const stored = await this.store.signingKeys.get(kid);
      if (!stored) throw new Error('the access token names an unknown key');
      cached = cacheEntry(stored);
      this.#keys.set(kid, cached);
    }
    return cached;
  }
}
