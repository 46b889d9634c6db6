package nl.briefwissel.mail;

/**
 * Where inbound mail goes once it is stored and read. Implemented by the module that knows about
 * conversations; called inside the transaction that marks the mail processed, so a crash in
 * between leaves the mail to be processed again and never half-done.
 */
public interface InboundMailHandler {

	InboundResult handle(InboundMail mail);
}
