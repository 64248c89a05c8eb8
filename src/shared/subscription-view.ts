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
export interface SubscriptionPreview {
  url: string;
  site: string;
  packId: string;
  title?: string;
  version: number;
  keyId: string;
  fingerprint: string;
  /** The key came from the URL's `#key=` (pinned out of band): no confirmation needed. */
  keyFromUrl: boolean;
}
