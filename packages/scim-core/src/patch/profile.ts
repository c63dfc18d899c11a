/**
 * A PATCH profile: how one kind of client's requests are read. The server picks one per tenant; STRICT
 * (RFC 7644 as written) is the default, and dialects such as Entra's are rewritten into it, never mixed in.
 */
import type { PatchContext, PatchOptions } from './context.js';
import { type PatchOperation, parsePatchRequest } from './operation.js';

export interface PatchProfile {
  readonly name: string;
  /** Rewrites the client's dialect into a strict PatchOp body. */
  readonly normalize: (body: unknown, ctx: PatchContext) => unknown;
  /** The options `applyPatch` and `applyMembershipDeltas` run with for this client. */
  readonly options: PatchOptions;
}

/** RFC 7644 as written: no rewriting, every option off. */
export const STRICT: PatchProfile = { name: 'strict', normalize: (body) => body, options: {} };

/** Normalizes `body` with the profile, then parses it strictly. */
export function readPatchRequest(body: unknown, profile: PatchProfile, ctx: PatchContext): PatchOperation[] {
  return parsePatchRequest(profile.normalize(body, ctx), ctx);
}
