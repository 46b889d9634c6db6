package nl.briefwissel.account;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator takes a role back, unless the person still needs it: a coach whose participants
 * still write (nobody would read their letters), a participant whose trajectory has not ended (they
 * would be locked out of it while their coach writes on). The question and the removal are one
 * transaction with the person's account row locked; a proposal to a coach locks the same row before it
 * asks whether the coach may still be proposed, so the two take turns and neither slips in between.
 */
@Service
public class RoleRemovals {

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final CoachWork work;

	RoleRemovals(JdbcClient jdbc, Accounts accounts, CoachWork work) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.work = work;
	}

	@Transactional
	public Accounts.RoleRemoval takeBack(UUID accountId, Role role) {
		jdbc.sql("select id from account where id = :id for update").param("id", accountId).query(UUID.class).optional();
		if (role == Role.COACH && work.underway(accountId) > 0) {
			return Accounts.RoleRemoval.STILL_COACHING;
		}
		if (role == Role.PARTICIPANT && work.takingPart(accountId) > 0) {
			return Accounts.RoleRemoval.STILL_TAKING_PART;
		}
		return accounts.removeRole(accountId, role);
	}
}
