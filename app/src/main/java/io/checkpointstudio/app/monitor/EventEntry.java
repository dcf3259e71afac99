package io.checkpointstudio.app.monitor;

/**
 * One line of the event log: an engine event put into words.
 *
 * @param at      epoch ms
 * @param kind    what sort of event, for the icon, the colour and the filter
 * @param text    one line
 * @param details the rest, shown when the line is selected (a stack trace, a path); empty if none
 */
public record EventEntry(long at, Kind kind, String text, String details) {

    public enum Kind {
        FAILURE("mdi2a-alert-circle-outline", "Failure"),
        RECOVERY("mdi2r-restart", "Recovery"),
        CHECKPOINT("mdi2c-check-circle-outline", "Checkpoint"),
        SAVEPOINT("mdi2c-content-save-outline", "Savepoint"),
        CHECKPOINT_FAILURE("mdi2c-close-circle-outline", "Checkpoint failed"),
        STATUS("mdi2s-swap-horizontal", "Status"),
        NOTICE("mdi2i-information-outline", "Notice");

        private final String icon;
        private final String label;

        Kind(String icon, String label) {
            this.icon = icon;
            this.label = label;
        }

        public String icon() {
            return icon;
        }

        public String label() {
            return label;
        }

        /** The CSS class of the icon and the row: failure, recovery, checkpoint, checkpoint-failure, status, notice. */
        public String styleClass() {
            return this == SAVEPOINT ? "checkpoint" : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
