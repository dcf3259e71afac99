package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;

final class TestSchemas {
    /** The fields the tests write expressions over. */
    static final Schema CLICKS = Schema.of(
            new Field("userId", FieldType.LONG),
            new Field("loggedIn", FieldType.BOOLEAN),
            new Field("ts", FieldType.LONG),
            new Field("name", FieldType.STRING),
            new Field("a", FieldType.DOUBLE),
            new Field("b", FieldType.LONG));

    private TestSchemas() {
    }
}
