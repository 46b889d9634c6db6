package nl.briefwissel.organisation;

import java.util.UUID;

public record Organisation(UUID id, String name) {
}
