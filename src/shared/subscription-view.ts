export interface SubscriptionView {
  url: string;
  packId?: string;
  title?: string;
  version?: number;
  keyId?: string;
  lastSuccess?: string;
  lastAttempt?: string;
  nextSync?: string;
  lastError?: string;
}
