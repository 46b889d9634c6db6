package nl.briefwissel.conversation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.ConversationAddress;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.stereotype.Component;

/** The trajectory's reply address for the notices of other modules, as its letters have it. */
@Component
class ConversationReplyAddress implements ConversationAddress {

	private final ReplyTokens tokens;

	private final ReplyAddress addresses;

	private final Messages messages;

	private final MessageMail mails;

	private final Accounts accounts;

	ConversationReplyAddress(ReplyTokens tokens, ReplyAddress addresses, Messages messages, MessageMail mails,
			Accounts accounts) {
		this.tokens = tokens;
		this.addresses = addresses;
		this.messages = messages;
		this.mails = mails;
		this.accounts = accounts;
	}

	@Override
	public String replyTo(UUID trajectoryId, UUID participantId) {
		return addresses.of(tokens.tokenFor(trajectoryId, participantId));
	}

	@Override
	public OutgoingMail inConversation(TrajectoryOverview trajectory, OutgoingMail mail) {
		String replyTo = replyTo(trajectory.id(), trajectory.participantId());
		List<String> thread = Conversations.referencesKept(messages.mailThread(trajectory.id()).references());
		Locale participantLanguage = accounts.byId(trajectory.participantId()).map(Account::language).orElse(null);
		return mail.replyingTo(replyTo)
			.inThread(mails.threadSubject(trajectory, trajectory.coachName(), participantLanguage),
					thread.isEmpty() ? null : thread.get(thread.size() - 1), thread);
	}

	@Override
	public Locale threadLanguage(TrajectoryOverview trajectory) {
		return mails.threadLanguage(trajectory, accounts.byId(trajectory.participantId()).map(Account::language).orElse(null));
	}
}
