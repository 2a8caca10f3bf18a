/// "Connect your identity provider": one tab per IdP, each a numbered list of the steps in the
/// IdP's own words, with this server's SCIM API URL filled in, and the pitfalls worth knowing.
///
/// Tabs are anchors and sections styled with `:target`, so they work without JavaScript. The
/// default (Entra ID) section comes last in the document so `.guide:target ~ .guide-default` can hide it.
enum IdentityProviderGuides {
    static let tabs: [(id: String, title: String)] = [
        ("guide-entra", "Microsoft Entra ID"),
        ("guide-okta", "Okta"),
        ("guide-onelogin", "OneLogin"),
        ("guide-jumpcloud", "JumpCloud"),
    ]

    static func render(scimURL: String, integration: AdminIntegration) -> HTML {
        let tabList = HTML.join(tabs.map { "<li><a href=\"#\($0.id)\" id=\"tab-\($0.id)\">\($0.title)</a></li>" })
        let tokenNote: HTML = "the bearer token you copied when you created <strong>\(integration.name)</strong> (lost it? <a href=\"\(Components.integrationPath(integration.id, "/rotate"))\">rotate the token</a> to get a new one)"
        return """
<section class="card guides" aria-labelledby="guides-h" id="guides">
<h2 id="guides-h">Connect your identity provider</h2>
<p class="muted">Pick your identity provider. Each guide uses its own field names; the values to paste are filled in.</p>
<ul class="tabs" aria-label="Identity providers">\(tabList)</ul>
\(okta(scimURL, tokenNote))
\(oneLogin(scimURL, tokenNote))
\(jumpCloud(scimURL, tokenNote))
\(entra(scimURL, tokenNote))
</section>
"""
    }

    static func entra(_ url: String, _ token: HTML) -> HTML {
        """
<section class="guide guide-default" id="guide-entra" aria-labelledby="guide-entra-h">
<h3 id="guide-entra-h">Microsoft Entra ID</h3>
<ol class="steps">
<li>In the <strong>Microsoft Entra admin center</strong>, open <strong>Entra ID</strong> → <strong>Enterprise apps</strong> and select <strong>New application</strong>. (If you already have a SAML single sign-on app for this service, you can open it and add provisioning to it instead.)</li>
<li>Select <strong>Create your own application</strong>, give it a name, choose <strong>Integrate any other application you don't find in the gallery (Non-gallery)</strong> and click <strong>Create</strong>.</li>
<li>On the app's Overview page, under <strong>Manage</strong>, select <strong>Provisioning</strong>. Set the provisioning mode to <strong>Automatic</strong>; in <strong>Select authentication method</strong> choose <strong>Bearer authentication</strong>.</li>
<li><span class="field-name">Tenant URL</span>: \(Components.inlineCopy(id: "entra-url", value: url))</li>
<li><span class="field-name">Secret token</span>: \(token). Do not leave it empty: Entra would then send its own test credential, which is refused.</li>
<li>Click <strong>Test connection</strong>. Entra looks up a user and a group that do not exist and expects empty results; you should see a success notification (and two requests on the Activity page). Click <strong>Create</strong> (or <strong>Save</strong>).</li>
<li>Expand <strong>Mappings</strong> and make sure both <strong>Provision Microsoft Entra ID Users</strong> and <strong>Provision Microsoft Entra ID Groups</strong> are enabled. In each, check that <code>externalId</code> is mapped to <code>objectId</code>; if not, click <strong>Edit</strong> on the attribute and select <code>objectId</code>.</li>
<li>Expand <strong>Settings</strong>: set <strong>Scope</strong> to <strong>Sync only assigned users and groups</strong> and <strong>Provisioning Status</strong> to <strong>On</strong>, then save and close.</li>
<li>Under <strong>Manage</strong> → <strong>Users and groups</strong>, select <strong>Add user/group</strong>, pick the users and security groups to provision, click <strong>Select</strong> and then <strong>Assign</strong>.</li>
</ol>
<div class="pitfalls">\(Components.alert(.info, """
<p><strong>Good to know</strong></p><ul>
<li>After the first cycle, Entra syncs about <strong>every 40 minutes</strong>; the interval cannot be changed. To push changes now, use <strong>Restart provisioning</strong> (or <strong>Pause provisioning</strong>, then <strong>Start provisioning</strong>), or <strong>Provision on demand</strong> for one user.</li>
<li>After changing attribute mappings, restart provisioning so the new values are sent at once.</li>
<li>Map <code>externalId</code> to <code>objectId</code> for users and groups: it keeps each object matched to its Entra ID.</li>
<li>Nested groups are not provisioned by Entra. On the free tier only users (not groups) can be assigned.</li>
<li>If most requests fail (for example a wrong or rotated token), Entra puts the job into <strong>quarantine</strong> and slows it to once a day. Check the Activity page here, fix the cause, then restart provisioning.</li>
</ul>
"""))</div>
</section>
"""
    }

    static func okta(_ url: String, _ token: HTML) -> HTML {
        """
<section class="guide" id="guide-okta" aria-labelledby="guide-okta-h">
<h3 id="guide-okta-h">Okta</h3>
<p class="small muted">Requires an Okta plan with Lifecycle Management (Advanced Lifecycle Management), which provides SCIM provisioning.</p>
<ol class="steps">
<li>In the Okta admin console, go to <strong>Applications</strong> → <strong>Applications</strong> and click <strong>Create App Integration</strong>. Select <strong>SAML 2.0</strong> and click <strong>Next</strong>.</li>
<li>In <strong>General Settings</strong>, name the app, tick the box under <strong>App visibility</strong> (users need no icon for it) and click <strong>Next</strong>. In <strong>SAML Settings</strong>, enter a placeholder URL (for example <code>https://example.com</code>) in <strong>Single sign-on URL</strong> and <strong>Audience URI (SP Entity ID)</strong>; they are not used for provisioning. Click <strong>Next</strong>, select <strong>This is an internal app that we have created</strong> and click <strong>Finish</strong>.</li>
<li>On the app's <strong>General</strong> tab, click <strong>Edit</strong>, select <strong>SCIM</strong> under <strong>Provisioning</strong> and click <strong>Save</strong>.</li>
<li>On the <strong>Provisioning</strong> tab, click <strong>Edit</strong> in the <strong>Integration</strong> section and fill in:
<ul>
<li><span class="field-name">SCIM connector base URL</span>: \(Components.inlineCopy(id: "okta-url", value: url))</li>
<li><span class="field-name">Unique identifier field for users</span>: \(Components.inlineCopy(id: "okta-uid", value: "userName"))</li>
<li><span class="field-name">Supported provisioning actions</span>: <strong>Push New Users</strong>, <strong>Push Profile Updates</strong> and <strong>Push Groups</strong></li>
<li><span class="field-name">Authentication Mode</span>: <strong>HTTP Header</strong></li>
<li><span class="field-name">Authorization</span> (Bearer): \(token)</li>
</ul></li>
<li>Click <strong>Test Connector Configuration</strong>. Okta lists a few users; the detected features should show <strong>Create Users</strong>, <strong>Update User Attributes</strong> and <strong>Push Groups</strong>. Close the dialog and click <strong>Save</strong>.</li>
<li>Still on <strong>Provisioning</strong>, open <strong>To App</strong>, click <strong>Edit</strong>, enable <strong>Create Users</strong>, <strong>Update User Attributes</strong> and <strong>Deactivate Users</strong>, and click <strong>Save</strong>.</li>
<li>On the <strong>Assignments</strong> tab, click <strong>Assign</strong> → <strong>Assign to Groups</strong> and assign an <em>assignment group</em> (for example <code>scimd_users</code>) that contains everyone who should be provisioned.</li>
<li>On the <strong>Push Groups</strong> tab, click <strong>Push Groups</strong> → <strong>Find groups by name</strong>, select a group, keep <strong>Create Group</strong> and click <strong>Save &amp; Add Another</strong> for each further group.</li>
</ol>
<div class="pitfalls">\(Components.alert(.info, """
<p><strong>Good to know</strong></p><ul>
<li><strong>Assignment groups vs Push Groups:</strong> the same Okta group cannot be used on both the Assignments tab and the Push Groups tab. If it is, the assignment wins and the group may not be pushed. Assign one “users” group (a group rule can keep it in sync with your pushed groups) and push your other groups; members of pushed groups must also be assigned to the app.</li>
<li>Changes are pushed soon after they happen; to push group changes at once, use <strong>Push Now</strong> on the Push Groups tab.</li>
<li>To delete a pushed group here, choose <strong>Unlink push group</strong> with <strong>Delete the group in the target app</strong>; the users stay.</li>
<li>Okta requires an HTTPS SCIM URL that is reachable from the internet.</li>
</ul>
"""))</div>
</section>
"""
    }

    static func oneLogin(_ url: String, _ token: HTML) -> HTML {
        """
<section class="guide" id="guide-onelogin" aria-labelledby="guide-onelogin-h">
<h3 id="guide-onelogin-h">OneLogin</h3>
<ol class="steps">
<li>In the OneLogin admin portal, go to <strong>Applications</strong> → <strong>Applications</strong> and click <strong>Add App</strong>. Search for <strong>SCIM Provisioner with SAML (SCIM v2 Enterprise)</strong>, select it, name it and click <strong>Save</strong>.</li>
<li>Open the <strong>Configuration</strong> tab and fill in:
<ul>
<li><span class="field-name">SCIM Base URL</span>: \(Components.inlineCopy(id: "onelogin-url", value: url))</li>
<li><span class="field-name">SCIM Bearer Token</span>: \(token)</li>
</ul>
Leave <strong>SCIM JSON Template</strong> at the connector's SCIM 2.0 default unless you need other attributes. Click <strong>Save</strong>.</li>
<li>Under <strong>API Connection</strong>, click <strong>Enable</strong>. OneLogin looks up a user that does not exist to check the URL and token; the status should turn to enabled.</li>
<li>Open the <strong>Provisioning</strong> tab, tick <strong>Enable provisioning</strong>, and choose what happens when a user is deleted or loses access in OneLogin: <strong>Delete</strong>, <strong>Suspend</strong> (sets the user inactive here) or <strong>Do nothing</strong>. Click <strong>Save</strong>.</li>
<li>For groups: on the <strong>Parameters</strong> tab enable the <strong>Groups</strong> parameter for user provisioning, then use <strong>Refresh Entitlements</strong> and <strong>Rules</strong> to map OneLogin roles or attributes to groups.</li>
<li>Give users access to the app (directly or through a role). To resend everyone later, use <strong>Users</strong> → <strong>More Actions</strong> → <strong>Sync logins</strong>.</li>
</ol>
<div class="pitfalls">\(Components.alert(.info, """
<p><strong>Good to know</strong></p><ul>
<li>If <strong>Require admin approval before this action</strong> is ticked for create, update or delete, nothing reaches this server until each task is approved in OneLogin.</li>
<li>OneLogin calls the lookup, create and update requests with the body its SCIM JSON Template defines; if users arrive without e-mail or name, check the template's placeholders.</li>
<li>Failed requests, with the reason, are listed on the Activity page here.</li>
</ul>
"""))</div>
</section>
"""
    }

    static func jumpCloud(_ url: String, _ token: HTML) -> HTML {
        """
<section class="guide" id="guide-jumpcloud" aria-labelledby="guide-jumpcloud-h">
<h3 id="guide-jumpcloud-h">JumpCloud</h3>
<ol class="steps">
<li>In the JumpCloud admin portal, go to <strong>SSO Applications</strong>, click <strong>+ Add New Application</strong> and create a <strong>Custom Application</strong> with <strong>Export users to this app (Identity Management)</strong> selected (or open an existing custom SAML app).</li>
<li>Open the app's <strong>Identity Management</strong> tab and fill in:
<ul>
<li><span class="field-name">API Type</span>: <strong>SCIM API</strong></li>
<li><span class="field-name">SCIM Version</span>: <strong>SCIM 2.0</strong></li>
<li><span class="field-name">Base URL</span>: \(Components.inlineCopy(id: "jumpcloud-url", value: url))</li>
<li><span class="field-name">Token Key</span>: \(token)</li>
<li><span class="field-name">Test User Email</span>: an e-mail address that is <strong>not used by any user yet</strong>.</li>
</ul></li>
<li>Tick <strong>Enable management of User Groups and Group Membership in this application</strong> to provision groups.</li>
<li>Click <strong>Test Connection</strong>, then <strong>Activate</strong>, then <strong>Save</strong>.</li>
<li>On the app's <strong>User Groups</strong> tab, bind the user groups whose members should be provisioned, and save.</li>
</ol>
<div class="pitfalls">\(Components.alert(.info, """
<p><strong>Good to know</strong></p><ul>
<li>Choose <strong>SCIM 2.0</strong>. Requests in the SCIM 1.1 format are refused.</li>
<li><strong>Test Connection writes:</strong> it creates a test user (with the Test User Email) and a test group, then deletes both. You will see them created and deleted on the Activity page; this is expected. Use an unused e-mail address: if a user with that userName already exists, the test fails with a uniqueness error (409). Re-running the test with the same address works, because deleting frees the name at once.</li>
<li>JumpCloud syncs when users, groups or memberships change; there is no schedule to wait for.</li>
<li>JumpCloud does not publish the addresses it connects from, so an IP allowlist in front of this server would block it.</li>
</ul>
"""))</div>
</section>
"""
    }
}
