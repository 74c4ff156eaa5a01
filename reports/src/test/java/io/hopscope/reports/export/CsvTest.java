package io.hopscope.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotesOnlyTheFieldsThatNeedIt() {
    String text =
        new Csv("a", "b", "c")
            .row("plain", "POST /hop", "-1.5")
            .row("x,y", "say \"hi\"", "two\nlines")
            .row(null, "", "\u201ccurly\u201d")
            .text();
    assertThat(text)
        .isEqualTo(
            "a,b,c\n"
                + "plain,POST /hop,-1.5\n"
                + "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
                + ",,\u201ccurly\u201d\n");
  }

  @Test
  void anyTextReadsBackAsWritten() throws Exception {
    Random rnd = new Random(11);
    String alphabet = "ab ,\"\n\r\t#;é\u201c";
    List<String[]> rows = new ArrayList<>();
    Csv csv = new Csv("x", "y", "z");
    for (int i = 0; i < 500; i++) {
      String[] row = new String[3];
      for (int c = 0; c < 3; c++) {
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(6) + 1; k > 0; k--) {
          b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        row[c] = b.toString();
      }
      rows.add(row);
      csv.row(row);
    }
    CsvMapper m = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> back = new ArrayList<>();
    try (MappingIterator<String[]> it = m.readerFor(String[].class).readValues(csv.text())) {
      it.forEachRemaining(back::add);
    }
    assertThat(back).hasSize(rows.size() + 1);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(back.get(i + 1)).as(Arrays.toString(rows.get(i))).containsExactly(rows.get(i));
    }
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> new Csv("a", "b").row("1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 fields for 2 columns");
  }
}
