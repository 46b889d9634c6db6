/**
 * Encryption at rest: what people wrote is sealed with AES-256-GCM before it reaches the database,
 * under a key that is named with each record, and re-encrypted in batches when the active key
 * changes. Owns the keys and nothing else: it never knows what the records mean, and a module that
 * keeps content declares its encrypted columns itself ({@link nl.briefwissel.encryption.EncryptedTables}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Encryption at rest")
package nl.briefwissel.encryption;
