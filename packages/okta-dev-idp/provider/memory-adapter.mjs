// @ts-check

/** @typedef {Record<string, any>} Payload */
/** @typedef {{ model: string, payload: Payload, expiresAt: number }} StoredRecord */

/** Models whose records die with their grant (logout, refresh token reuse, revocation). */
const GRANT_BOUND = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken']);

/**
 * oidc-provider storage that lives and dies with one provider instance, so every start (and every
 * test) begins empty. Using our own rather than the library's process-wide LRU also keeps its
 * "in-memory adapter" production warning quiet: losing state on restart is the point here.
 *
 * Lookups by session uid or grant id scan all records: a developer's browser creates a handful,
 * and no secondary index means nothing to keep in step when records expire.
 */
export function createMemoryAdapter() {
  /** @type {Map<string, StoredRecord>} */
  const records = new Map();

  /** @param {StoredRecord} record */
  const expired = (record) => record.expiresAt <= Date.now();

  /** @param {string} key */
  const find = (key) => {
    const record = records.get(key);
    return record && !expired(record) ? record.payload : undefined;
  };

  /** @param {string} model */
  return (model) => {
    /** @param {string} id */
    const keyFor = (id) => `${model}:${id}`;

    return {
      /**
       * @param {string} id
       * @param {Payload} payload
       * @param {number} [expiresIn] seconds
       */
      async upsert(id, payload, expiresIn) {
        // Expired records go on write: no timer, which would also keep the process alive.
        for (const [key, record] of records) if (expired(record)) records.delete(key);
        const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
        records.set(keyFor(id), { model, payload, expiresAt });
      },

      /** @param {string} id */
      async find(id) {
        return find(keyFor(id));
      },

      /** @param {string} uid */
      async findByUid(uid) {
        for (const record of records.values()) {
          if (record.model === 'Session' && record.payload.uid === uid && !expired(record)) {
            return record.payload;
          }
        }
        return undefined;
      },

      /** @param {string} id */
      async consume(id) {
        const payload = find(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },

      /** @param {string} id */
      async destroy(id) {
        records.delete(keyFor(id));
      },

      /** @param {string} grantId */
      async revokeByGrantId(grantId) {
        for (const [key, { model: kind, payload }] of records) {
          if (GRANT_BOUND.has(kind) && payload.grantId === grantId) records.delete(key);
        }
      },
    };
  };
}
