import Store

extension StoreMetrics {
    /// The store's figures as Prometheus samples (name, help, value).
    var prometheusGauges: [(String, String, Double)] {
        [
            ("scimd_store_records_total", "Log records appended.", Double(recordsAppended)),
            ("scimd_store_bytes_total", "Log bytes appended.", Double(bytesAppended)),
            ("scimd_store_batches_total", "Group-commit batches (one write + one fdatasync each).", Double(batches)),
            ("scimd_store_fsyncs_total", "fdatasync calls on the log.", Double(fsyncs)),
            ("scimd_store_commits_total", "Write requests completed.", Double(commits)),
            ("scimd_store_failed_commits_total", "Write requests that failed.", Double(failedCommits)),
            ("scimd_store_snapshots_total", "Snapshots written.", Double(snapshotsWritten)),
            ("scimd_store_last_snapshot_duration_ms", "Duration of the last snapshot.", Double(lastSnapshotDurationMs)),
            ("scimd_store_log_bytes_since_snapshot", "Log bytes since the last snapshot.", Double(logBytesSinceSnapshot)),
            ("scimd_store_failed", "1 when storage failed and writes are refused until restart.", failed ? 1 : 0),
            ("scimd_store_sequence", "Last log sequence number.", Double(lastSequence)),
            ("scimd_directory_integrations", "Integrations.", Double(integrations)),
            ("scimd_directory_users", "Users in all integrations.", Double(users)),
            ("scimd_directory_groups", "Groups in all integrations.", Double(groups)),
            ("scimd_directory_memberships", "Group memberships in all integrations.", Double(memberships)),
        ]
    }
}
