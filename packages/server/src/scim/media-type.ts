/**
 * SCIM bodies on the wire (RFC 7644 §3.1, §8.1): requests in `application/scim+json` or
 * `application/json`, responses always `application/scim+json; charset=utf-8`.
 */
import { InvalidSyntax } from '@provisio/scim-core';
import type { FastifyInstance } from 'fastify';

export const SCIM_MEDIA_TYPE = 'application/scim+json; charset=utf-8';

const ACCEPTED = ['application/scim+json', 'application/json'];

/**
 * Replaces fastify's parsers with JSON parsing for the two SCIM media types. Malformed JSON (and
 * `__proto__`/`constructor` keys, which fastify's parser refuses) is 400 invalidSyntax; an empty body is
 * no body, so a DELETE with a `Content-Type` header still works.
 */
export function acceptScimBodies(app: FastifyInstance, bodyLimit: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(ACCEPTED, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (typeof body !== 'string' || body.trim() === '') return done(null, undefined);
    parseJson(request, body, (error, value) => {
      if (!error) return done(null, value);
      const detail =
        (error as Error & { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY'
          ? 'the request body is not valid JSON'
          : `the request body is refused: ${error.message}`;
      done(new InvalidSyntax(detail), undefined);
    });
  });
}
