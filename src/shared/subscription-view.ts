/** What the options page shows of one subscription. */
export interface SubscriptionView {
  url: string;
  packId?: string;
  title?: string;
  version?: number;
  keyId?: string;
  /** The pinned key's fingerprint, as the publisher's CLI prints it. */
  fingerprint?: string;
  lastSuccess?: string;
  lastAttempt?: string;
  nextSync?: string;
  /** Technical details of the last failure (English). */
  lastError?: string;
  /** The last failure for the reader: one plain sentence, and the technical details apart. */
  error?: { message: string; details: string };
  /** Paused (the reader removed its pack): not synced until resumed with "Sync now". */
  paused?: boolean;
}

/** What a subscription URL serves, shown for the reader to confirm before a key is pinned. */
/** What a reader confirms before subscribing: read from the verified index, nothing installed yet. */
export interface SubscriptionPreview {
  /** The URL to subscribe to, with the shown key pinned (`#key=…`). */
  url: string;
  site: string;
  packId: string;
  title?: string;
  version: number;
  published: string;
  /** Size of the full download in bytes. */
  bytes: number;
  /** How often Backstory will check it, in hours (the reader's setting). */
  syncHours: number;
  keyId: string;
  /** The key in readable groups, for comparing with what the publisher shows (`pack keygen` prints the same). */
  fingerprint: string;
  /** The key came from the URL's `#key=` (pinned out of band): no confirmation needed. */
  keyFromUrl: boolean;
}
