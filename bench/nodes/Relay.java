import java.io.FileWriter;
import java.io.PrintWriter;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The one mail server that several Briefwissel nodes share in bench/nodes/two-nodes.sh: the SMTP
 * relay every node sends through, and the IMAP mailbox every node reads replies from, on loopback.
 * Writes a line per delivered mail (recipient, Message-ID) to the delivery log, so the script can
 * count what arrived per Message-ID.
 *
 * Usage: java -cp LIBS Relay.java SMTP_PORT IMAP_PORT DELIVERY_LOG MAILBOX PASSWORD
 */
public class Relay {

	public static void main(String[] args) throws Exception {
		int smtpPort = Integer.parseInt(args[0]);
		int imapPort = Integer.parseInt(args[1]);
		PrintWriter deliveries = new PrintWriter(new FileWriter(args[2], true), true);
		String mailbox = args[3];
		GreenMail mail = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(imapPort, "127.0.0.1", "imap") })
			// reply+TOKEN@domain lands in reply@domain, as sub-addressing does at a real provider.
			.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
		mail.start();
		mail.setUser(mailbox, mailbox, args[4]);
		var users = mail.getUserManager();
		MessageDeliveryHandler standard = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, recipient) -> {
			GreenMailUser user = standard.handle(message, recipient);
			String messageId = message.getMessage().getMessageID();
			synchronized (deliveries) {
				deliveries.println(recipient.getEmail().toLowerCase() + "\t" + messageId);
			}
			return user;
		});
		Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
		System.out.println("relay listening on 127.0.0.1: SMTP " + smtpPort + ", IMAP " + imapPort);
		Thread.currentThread().join();
	}
}
