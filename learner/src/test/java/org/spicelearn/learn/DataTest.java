package org.spicelearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spicelearn.learn.data.BuiltinData;
import org.spicelearn.learn.data.CsvTables;
import org.spicelearn.learn.data.DataFormatException;
import org.spicelearn.learn.data.DataTable;
import org.spicelearn.learn.data.Example;
import org.spicelearn.learn.data.InputBinding;
import org.spicelearn.learn.data.InputScaling;
import org.spicelearn.learn.data.LearningProblem;
import org.spicelearn.learn.data.Task;
import org.spicelearn.learn.data.TrainTestSplit;
import org.spicelearn.learn.train.LearningRateSchedule;

/** CSV loading, shipped data, splits, scaling to volts, tasks and schedules. */
class DataTest {

    @Test
    void shippedDataHaveTheirKnownShapes() {
        DataTable iris = BuiltinData.IRIS.load();
        assertEquals(150, iris.size());
        assertEquals(5, iris.columns().size());
        assertEquals(5.1, iris.value(0, 0));
        assertEquals(3, iris.distinct(iris.column("species")).length);
        DataTable digits = BuiltinData.DIGITS.load();
        assertEquals(1797, digits.size());
        assertEquals(65, digits.columns().size());
        assertEquals(10, digits.distinct(digits.column("digit")).length);
        assertEquals(4, BuiltinData.XOR.load().size());
        DataTable linear = BuiltinData.LINEAR.load();
        assertEquals(200, linear.size());
        // y0 = a . (x0, x1, x2) with non-negative weights summing to 0.6: |y0| <= 0.6 max|x|
        for (int r = 0; r < linear.size(); r++) {
            assertTrue(Math.abs(linear.value(r, linear.column("y0"))) <= 0.6 + 1e-9);
        }
        assertEquals(BuiltinData.IRIS, BuiltinData.byName("Iris"));
    }

    @Test
    void badCsvListsEveryProblemWithItsLine() {
        String csv = "a,b\n1,2\n3\n# comment\nx,4\n5,6\n";
        var ex = assertThrows(DataFormatException.class, () -> CsvTables.read(new StringReader(csv), "t.csv"));
        assertEquals(List.of("t.csv:3: 1 fields, the header has 2", "t.csv:5: column a is not a number: 'x'"),
                ex.problems());
    }

    @Test
    void splitIsSeededAndDisjoint() {
        DataTable iris = BuiltinData.IRIS.load();
        TrainTestSplit a = TrainTestSplit.of(iris, 0.2, 5);
        TrainTestSplit b = TrainTestSplit.of(iris, 0.2, 5);
        assertEquals(30, a.test().size());
        assertEquals(120, a.train().size());
        for (int r = 0; r < 30; r++) {
            assertEquals(a.test().value(r, 0), b.test().value(r, 0));
        }
        assertTrue(TrainTestSplit.of(iris, 0.2, 6).test().value(0, 0) != a.test().value(0, 0)
                || TrainTestSplit.of(iris, 0.2, 6).test().value(1, 0) != a.test().value(1, 0));
    }

    @Test
    void minMaxScalingMapsTrainingRangeToPlusMinusOneTimesScale() {
        DataTable t = new DataTable("t", List.of("x", "label"), new double[][] {{2, 0}, {4, 1}, {6, 2}});
        var problem = new LearningProblem(
                List.of(new InputBinding("VIN0P", "x", 0.5, 0.1), new InputBinding("vin0n", "x", -0.5, 0)),
                new InputScaling.MinMax(),
                new Task.Classification("label", List.of("out0", "out1", "out2"), 0.8, 0.2));
        List<Example> ex = problem.encode(t, t);
        assertEquals(List.of("vin0p", "vin0n"), problem.sourceNames());
        assertEquals(0.1 - 0.5, ex.get(0).inputVolts(0), 1e-15);
        assertEquals(0.5, ex.get(0).inputVolts(1), 1e-15);
        assertEquals(0.1 + 0.5, ex.get(2).inputVolts(0), 1e-15);
        assertEquals(2, ex.get(2).label());
        assertEquals(0.8, ex.get(2).targetVolts(2));
        assertEquals(0.2, ex.get(2).targetVolts(0));
        double[] z = new InputScaling.ZScore().fit(t, 0);
        assertEquals(1 / Math.sqrt(8.0 / 3), z[0], 1e-15);
        assertEquals(-4 / Math.sqrt(8.0 / 3), z[1], 1e-15);
    }

    @Test
    void badLabelsAreNamed() {
        DataTable t = new DataTable("t.csv", List.of("x", "label"), new double[][] {{2, 0}, {4, 3}});
        var problem = new LearningProblem(List.of(new InputBinding("v1", "x", 1, 0)), new InputScaling.None(),
                new Task.Classification("label", List.of("o0", "o1"), 1, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> problem.encode(t, t));
        assertEquals("t.csv row 2: label 3.0 is not a class index in 0..1", e.getMessage());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.1, new LearningRateSchedule.Constant(0.1).rate(1000));
        assertEquals(0.1 / 3, new LearningRateSchedule.InverseTime(0.1, 50).rate(100), 1e-15);
        assertEquals(0.1 * Math.pow(3, -0.75), new LearningRateSchedule.RobbinsMonro(0.1, 50, 0.75).rate(100), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.RobbinsMonro(0.1, 50, 0.5));
    }
}
