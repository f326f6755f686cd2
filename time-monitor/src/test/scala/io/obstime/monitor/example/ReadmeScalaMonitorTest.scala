package io.obstime.monitor.example

import io.obstime.clock.{LeapSecondTable, LeapState, SimulatedTimeSource, TaiTime, TimeSource, UtcTime}
import io.obstime.monitor.{ClockHealth, ClockMonitor, ClockReference, ReferenceReading, Verdict}
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test

import java.nio.file.{Files, Path}
import java.time.{Duration, Instant}
import scala.collection.mutable.ArrayBuffer

/** The README's Scala lines ([[ScalaClockWatch]], copied verbatim), run on simulated time with a FAKE reference. */
object ScalaClockWatch {
  // README-BEGIN
  def watch(clock: TimeSource, reference: ClockReference)(onAlert: ClockHealth => Unit): ClockMonitor =
    ClockMonitor.builder()
      .clock(clock)
      .reference(reference)
      .onVerdictChange { health =>
        if (health.verdict == Verdict.ALERT) onAlert(health)
      }
      .start()
  // README-END
}

class ReadmeScalaMonitorTest {

  @Test
  def anAlertReachesTheScalaCallback(): Unit = {
    val clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")),
      LeapSecondTable.bundled())
    var offsetNanos = 100000L
    val fake = new ClockReference {
      override def name(): String = "ntp:fake"
      override def measure(c: TimeSource, timeout: Duration): ReferenceReading =
        ReferenceReading.measured(name(), TaiTime.ofEpochNanos(c.taiNanos()), offsetNanos, 300000L, 400000L, 2, -1,
          LeapState.NONE, "fake")
    }
    val alerts = ArrayBuffer.empty[ClockHealth]
    val monitor = ScalaClockWatch.watch(clock, fake)(alerts += _)
    try {
      offsetNanos = 50000000L
      clock.advance(Duration.ofMinutes(2))
      assertEquals(1, alerts.size)
      assertEquals(Verdict.ALERT, alerts.head.verdict)
    } finally monitor.close()
  }

  @Test
  def theReadmeShowsTheScalaLinesVerbatim(): Unit = {
    val source = Files.readString(Path.of("src/test/scala/io/obstime/monitor/example/ReadmeScalaMonitorTest.scala"))
    val lines = source.substring(source.indexOf("// README-BEGIN\n") + 16, source.indexOf("  // README-END"))
      .linesIterator.map(_.drop(2)).mkString("\n")
    assertTrue(Files.readString(Path.of("..", "README.md")).contains(lines), "README lacks:\n" + lines)
  }
}
