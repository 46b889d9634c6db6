/**
 * The page shell: security rules for every route, layout, navigation per role, language switch
 * and error pages. Renders no content of its own beyond the frame around each module's pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package nl.briefwissel.web;
