/**
 * People, their roles and how they sign in. Owns the password hashes and reset tokens; other
 * modules learn who is signed in through {@link nl.briefwissel.account.SignedInAccount} and never
 * read credentials.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package nl.briefwissel.account;
