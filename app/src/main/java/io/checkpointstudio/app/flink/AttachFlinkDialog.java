package io.checkpointstudio.app.flink;

import io.checkpointstudio.app.monitor.MonitorModel;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * File ▸ Attach to Flink Job…: a REST address (a Flink cluster's, or our engine's {@code run --rest-port}),
 * the jobs it lists, an optional savepoint folder; Attach shows the chosen job in the monitor through a
 * {@link FlinkJobSource}. Every request runs off the JavaFX thread.
 */
public final class AttachFlinkDialog {
    /** The address last attached to in this session. */
    private static String lastUrl = "http://localhost:8081";

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final TextField url = new TextField(lastUrl);
    private final ListView<FlinkRestClient.JobInfo> jobs = new ListView<>();
    private final TextField savepointDir = new TextField();
    private final Label status = new Label();
    private final ButtonType attach = new ButtonType("Attach", ButtonBar.ButtonData.OK_DONE);

    public AttachFlinkDialog(Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Attach to Flink Job");
        dialog.setHeaderText("Watch a job on a Flink cluster: checkpoints, charts and events, savepoints through its REST API");
        url.setId("flink-url");
        url.setPromptText("http://localhost:8081");
        jobs.setId("flink-jobs");
        jobs.setPrefHeight(160);
        savepointDir.setId("flink-savepoint-dir");
        savepointDir.setPromptText("empty: the cluster's execution.checkpointing.savepoint-dir");
        status.setId("flink-status");
        status.setWrapText(true);
        Button list = new Button("List Jobs");
        list.setId("flink-list");
        list.setOnAction(e -> listJobs());
        url.setOnAction(e -> listJobs());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("REST address"), url, list);
        grid.add(new Label("Job"), 0, 1);
        grid.add(jobs, 1, 1, 2, 1);
        grid.addRow(2, new Label("Savepoints into"), savepointDir);
        grid.add(status, 0, 3, 3, 1);
        GridPane.setHgrow(url, Priority.ALWAYS);
        grid.setPrefWidth(620);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(attach, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(attach);
        ok.setId("flink-attach");
        ok.disableProperty().bind(jobs.getSelectionModel().selectedItemProperty().isNull());
        dialog.setOnShown(e -> listJobs());
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    private void listJobs() {
        FlinkRestClient client = new FlinkRestClient(url.getText());
        status.setText("Asking " + client.base() + "jobs/overview…");
        CompletableFuture.supplyAsync(() -> {
            try {
                return client.jobs();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((list, e) -> Platform.runLater(() -> {
            if (e != null) {
                Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause() == null ? e : e.getCause();
                jobs.getItems().clear();
                status.setText("Could not list the jobs at " + client.base() + ": " + cause.getMessage()
                        + ". Is the cluster running and is this its REST address (rest.port, 8081 by default)?");
                return;
            }
            List<FlinkRestClient.JobInfo> sorted = list.stream()
                    .sorted(Comparator.comparing((FlinkRestClient.JobInfo j) -> !j.state().equals("RUNNING"))).toList();
            jobs.getItems().setAll(sorted);
            if (!sorted.isEmpty()) {
                jobs.getSelectionModel().select(0);
            }
            status.setText(sorted.isEmpty() ? "No jobs at " + client.base() : sorted.size() + (sorted.size() == 1 ? " job" : " jobs") + " at " + client.base());
        }));
    }

    /**
     * Shows the dialog; on Attach, reads the job once in the background and then shows it in {@code monitor}
     * (failures in an alert). {@code log} gets a line for the console.
     */
    public void showAndAttach(MonitorModel monitor, Consumer<String> log) {
        dialog.showAndWait().filter(b -> b == attach).ifPresent(b -> {
            FlinkRestClient.JobInfo job = jobs.getSelectionModel().getSelectedItem();
            FlinkRestClient client = new FlinkRestClient(url.getText());
            lastUrl = url.getText().trim();
            String dir = savepointDir.getText();
            log.accept("Attaching to Flink job " + job.id() + " at " + client.base() + "…");
            CompletableFuture.supplyAsync(() -> {
                try {
                    return FlinkJobSource.attach(client, job.id(), dir);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).whenComplete((source, e) -> Platform.runLater(() -> {
                if (e != null) {
                    Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause() == null ? e : e.getCause();
                    Alert a = new Alert(Alert.AlertType.ERROR, cause.getMessage());
                    a.setHeaderText("Cannot attach to " + job.id());
                    a.initOwner(dialog.getOwner());
                    a.show();
                    log.accept("Cannot attach to Flink job " + job.id() + ": " + cause.getMessage());
                    return;
                }
                monitor.show(source);
                log.accept("Attached to '" + source.jobName() + "' (Flink job " + source.jobId() + ") at " + client.base()
                        + "; polled once a second; savepoints go to " + source.savepointLocation());
            }));
        });
    }
}
