package nl.briefwissel.encryption;

import java.util.List;

/**
 * Implemented by a bean of each module that keeps sealed content, so key rotation finds every
 * encrypted column without knowing the modules. The implementation must need no other beans: the
 * {@code encryption} command finds it in a context of its own that has only the database.
 */
public interface EncryptedTables {

	List<EncryptedTable> encryptedTables();
}
