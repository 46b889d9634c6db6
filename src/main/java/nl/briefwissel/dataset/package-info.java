/**
 * A realistic programme at scale for measuring pages: organisations, coaches, trajectories with
 * their letters, closings and evaluations, written straight into an empty PostgreSQL database
 * ({@code java -jar briefwissel.jar dataset}). Never runs inside the application and never writes
 * into a database that holds anything.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Benchmark dataset")
package nl.briefwissel.dataset;
