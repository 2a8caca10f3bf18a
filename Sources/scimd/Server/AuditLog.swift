import AdminPages
import CLinux
import SCIMCore

/// One JSON line on stdout per admin action (login, setup, integration changes), next to the
/// access log: who did what, from where, when. Never a password, token or session id.
enum AuditLog {
    static func write(_ event: AdminAuditEvent) {
        var o = JSONObject()
        o["time"] = .string(SCIMDateTime.format(millisecondsSinceEpoch: clinux_wall_ms()))
        o["audit"] = .string(event.name)
        switch event {
        case .loginSucceeded(let a), .loginFailed(let a), .loginThrottled(let a), .signedOut(let a),
             .setupCodeRejected(let a), .setupCompleted(let a):
            o["remote"] = .string(a)
        case .integrationCreated(let id, let name, let a), .integrationRenamed(let id, let name, let a),
             .tokenRotated(let id, let name, let a), .integrationDeleted(let id, let name, let a):
            o["integration_id"] = .string(id)
            o["integration"] = .string(name)
            o["remote"] = .string(a)
        }
        var line = JSONValue.object(o).serialized()
        line.append(0x0A)
        Console.out(line)
    }
}
