/**
 * Content-free figures for programme managers: counts, durations, themes, reason codes, response
 * times and evaluation scores, with every group under five shown as "< 5" and a figure it would follow
 * from as "≥ 5" (Sums). Reads identifiers, dates, codes and scores only — never anything a person
 * wrote; its dependencies are limited to the organisation (which programmes a manager may see) and
 * the signed-in account, and a test checks its queries for text columns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Statistics", allowedDependencies = { "audit", "organisation", "trajectory",
		"account" })
package nl.briefwissel.statistics;
