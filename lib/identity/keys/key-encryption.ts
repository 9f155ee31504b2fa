/**
 * Encrypts TOTP secrets with the deployment's data key in KMS. The encryption context names the
 * purpose and the person, and KMS binds it to the ciphertext: a secret copied onto another person's
 * key item, or decrypted for any other purpose, fails to decrypt. The context is logged by CloudTrail,
 * so it holds ids only, never the secret.
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';

export const TOTP_SECRET_PURPOSE = 'totp-secret';

export function totpSecretContext(personId: string): Record<string, string> {
  return { purpose: TOTP_SECRET_PURPOSE, personId };
}

export class TotpSecretCipher {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  /** The secret, encrypted for this person (base64). */
  async encrypt(personId: string, secret: string): Promise<string> {
    const result = await this.kms.send(
      new EncryptCommand({
        KeyId: this.keyId,
        Plaintext: Buffer.from(secret, 'utf8'),
        EncryptionContext: totpSecretContext(personId),
      }),
    );
    if (!result.CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return Buffer.from(result.CiphertextBlob).toString('base64');
  }

  /** The secret back; throws (KMS InvalidCiphertextException) if it was not encrypted for this person. */
  async decrypt(personId: string, encryptedSecret: string): Promise<string> {
    const result = await this.kms.send(
      new DecryptCommand({
        // Naming the key stops KMS from using whichever key a (tampered) ciphertext names.
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(encryptedSecret, 'base64'),
        EncryptionContext: totpSecretContext(personId),
      }),
    );
    if (!result.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(result.Plaintext).toString('utf8');
  }
}
