package nl.briefwissel.conversation;

import java.util.Locale;
import java.util.Optional;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Where a participant whose trajectory ended goes with a new question (decision 0122): the programme's intake
 * address, else its application form when it is open, else the organisation that offers the programme, by name; and
 * when there is none of these (its organisation ended, decision 0082) that they cannot apply through it any more.
 * One choice for the notice of a mail after the end and for their ended conversation's page, so both send them to
 * the same place.
 */
@Component
public class WhereNext {

	/**
	 * The way to apply again: {@code kind} is address, form, organisation or none, the last part of its text's key
	 * ({@code mail.heldBack.afterTheEnd.again.<kind>}); {@code value} the address, the form's link or the
	 * organisation's name (null for none).
	 */
	public record Way(String kind, String value) {
	}

	private final Programmes programmes;

	private final Organisations organisations;

	private final PublicAddress address;

	private final MessageSource texts;

	WhereNext(Programmes programmes, Organisations organisations, PublicAddress address, MessageSource texts) {
		this.programmes = programmes;
		this.organisations = organisations;
		this.address = address;
		this.texts = texts;
	}

	/** The way for this trajectory's participant; the form's link in {@code language}, the page it opens in theirs. */
	public Way of(TrajectoryOverview trajectory, Locale language) {
		Optional<Programme> programme = trajectory.programmeId() == null
				? Optional.empty() : programmes.byId(trajectory.programmeId());
		if (programme.isPresent() && programme.get().intakeAddress() != null && !programme.get().intakeAddress().isBlank()) {
			return new Way("address", programme.get().intakeAddress());
		}
		if (programme.isPresent() && programme.get().publicIntake()) {
			return new Way("form", address.link("/intake/programme/" + programme.get().id(), language).toUriString());
		}
		Optional<Organisation> organisation = programme.flatMap(p -> organisations.byId(p.organisationId()));
		return organisation.map(o -> new Way("organisation", o.name())).orElse(new Way("none", null));
	}

	/** The way as one sentence, as the notices say it. */
	String sentence(TrajectoryOverview trajectory, Locale language) {
		Way way = of(trajectory, language);
		return texts.getMessage("mail.heldBack.afterTheEnd.again." + way.kind(),
				way.value() == null ? null : new Object[] { way.value() }, language);
	}
}
