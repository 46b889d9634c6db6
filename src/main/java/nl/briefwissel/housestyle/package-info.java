/**
 * An organisation's house style (huisstijl): a few colours and a name over the NL Design System
 * theme, each colour checked for WCAG 2.1 AA contrast before it is kept. Holds design tokens only:
 * never free CSS and never a file (decision 0074).
 */
@org.springframework.modulith.ApplicationModule(displayName = "House style")
package nl.briefwissel.housestyle;
