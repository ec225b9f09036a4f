package org.spicelearn.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the checks, plots, tables and measured-summary lines of an experiment while it runs. */
public final class SectionBuilder {
    private final Experiment experiment;
    private final List<Check> checks = new ArrayList<>();
    private final List<Plot> plots = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final StringBuilder measured = new StringBuilder();

    /** A builder for {@code experiment}. */
    public SectionBuilder(Experiment experiment) {
        this.experiment = experiment;
    }

    /** Adds a check; returns it. */
    public Check check(Check check) {
        if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
            throw new IllegalArgumentException("duplicate check name " + check.name() + " in " + experiment);
        }
        checks.add(check);
        return check;
    }

    /** Adds a check built from its parts. */
    public Check check(String name, String description, double value, String unit, Bound bound, Figure... figures) {
        return check(new Check(name, description, value, unit, bound, List.of(figures)));
    }

    /** Adds a plot. */
    public void plot(Plot plot) {
        plots.add(plot);
    }

    /** Adds a table. */
    public void table(Table table) {
        tables.add(table);
    }

    /** Appends one formatted sentence to the measured summary. */
    public void measured(String format, Object... args) {
        if (measured.length() > 0) {
            measured.append(' ');
        }
        measured.append(String.format(Locale.ROOT, format, args));
    }

    /** The section, with its prose. */
    public SectionResult build(String tested, String theory) {
        return new SectionResult(experiment, tested, theory, measured.toString(), checks, plots, tables, 0);
    }
}
