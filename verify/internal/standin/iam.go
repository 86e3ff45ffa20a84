package standin

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"igv-aws-backend/policies"
	"igv-aws-backend/policies/iamsim"
)

// IAM: GetRole, the role's policies (ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies,
// GetPolicy, GetPolicyVersion) and SimulatePrincipalPolicy, all signed by the admin.

const iamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"

// policyVersion is the only version the stand-in's managed policies have.
const policyVersion = "v1"

func (d *Deployment) serveIAM(w http.ResponseWriter, r *http.Request, c *Call) {
	form, err := queryForm(r)
	if err != nil {
		queryError(w, c, iamNamespace, http.StatusBadRequest, "MalformedQueryString", err.Error())
		return
	}
	c.Operation = form.Get("Action")
	who, problem := d.caller(r)
	c.AccessKeyID = who.cred.keyID
	if problem != credentialOK {
		queryCredentialError(w, c, iamNamespace, problem)
		return
	}
	if who.kind == anonymous {
		queryError(w, c, iamNamespace, http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token")
		return
	}
	roleName := form.Get("RoleName")
	if roleName != "" {
		c.param("RoleName", roleName)
	}
	resource := "arn:aws:iam::" + d.AccountID + ":role/" + roleName
	if role := d.roleByName(roleName); role != nil {
		resource = role.ARN
	}
	switch c.Operation {
	case "GetPolicy", "GetPolicyVersion":
		resource = form.Get("PolicyArn")
		c.param("PolicyArn", resource)
	case "SimulatePrincipalPolicy":
		resource = form.Get("PolicySourceArn")
	}
	deny := func(w http.ResponseWriter, c *Call, msg string) {
		queryError(w, c, iamNamespace, http.StatusForbidden, "AccessDenied", msg)
	}
	if !d.allowCall(w, c, who, "iam:"+c.Operation, resource, deny) {
		return
	}
	switch c.Operation {
	case "GetRole":
		d.getRole(w, c, roleName)
	case "ListRolePolicies", "ListAttachedRolePolicies":
		d.listRolePolicies(w, c, roleName, c.Operation == "ListAttachedRolePolicies")
	case "GetRolePolicy":
		d.getRolePolicy(w, c, roleName, form.Get("PolicyName"))
	case "GetPolicy", "GetPolicyVersion":
		d.getPolicy(w, c, form.Get("PolicyArn"), form.Get("VersionId"), c.Operation == "GetPolicyVersion")
	case "SimulatePrincipalPolicy":
		d.simulatePrincipalPolicy(w, c, form)
	default:
		queryError(w, c, iamNamespace, http.StatusBadRequest, "InvalidAction",
			fmt.Sprintf("Could not find operation %s for version 2010-05-08", c.Operation))
	}
}

func (d *Deployment) roleByName(name string) *Role {
	for _, role := range d.Roles {
		if role.Name == name {
			return role
		}
	}
	return nil
}

func noSuchRole(w http.ResponseWriter, c *Call, name string) {
	queryError(w, c, iamNamespace, http.StatusNotFound, "NoSuchEntity", fmt.Sprintf("The role with name %s cannot be found.", name))
}

// encodePolicy writes a policy document as IAM returns it: URL-encoded JSON.
func encodePolicy(doc policies.Document) string {
	return strings.ReplaceAll(url.QueryEscape(doc.MustJSON()), "+", "%20")
}

func (d *Deployment) getRole(w http.ResponseWriter, c *Call, name string) {
	role := d.roleByName(name)
	if role == nil {
		noSuchRole(w, c, name)
		return
	}
	type boundary struct {
		PermissionsBoundaryType string
		PermissionsBoundaryArn  string
	}
	type roleXML struct {
		Path                     string
		RoleName                 string
		RoleID                   string `xml:"RoleId"`
		Arn                      string
		CreateDate               string
		AssumeRolePolicyDocument string
		Description              string    `xml:",omitempty"`
		MaxSessionDuration       int32     `xml:",omitempty"`
		PermissionsBoundary      *boundary `xml:",omitempty"`
	}
	out := roleXML{
		Path: role.Path, RoleName: role.Name, RoleID: role.ID, Arn: role.ARN,
		CreateDate: created.Format(time.RFC3339), AssumeRolePolicyDocument: encodePolicy(role.Trust),
		Description: role.Description, MaxSessionDuration: role.MaxSessionDuration,
	}
	if role.PermissionsBoundaryARN != "" {
		out.PermissionsBoundary = &boundary{"PermissionsBoundaryPolicy", role.PermissionsBoundaryARN}
	}
	queryResponse(w, iamNamespace, "GetRole", struct{ Role roleXML }{out})
}

// memberList marshals as a query protocol list: <member>...</member> elements.
type memberList []string

func (l memberList) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(struct {
		Member []string `xml:"member"`
	}{l}, start)
}

func (d *Deployment) listRolePolicies(w http.ResponseWriter, c *Call, name string, attached bool) {
	role := d.roleByName(name)
	if role == nil {
		noSuchRole(w, c, name)
		return
	}
	keys := make([]string, 0, len(role.Policies))
	for k := range role.Policies {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !attached {
		var names memberList
		for _, k := range keys {
			if !strings.HasPrefix(k, "arn:") {
				names = append(names, k)
			}
		}
		queryResponse(w, iamNamespace, "ListRolePolicies", struct {
			PolicyNames memberList
			IsTruncated bool
		}{names, false})
		return
	}
	type policy struct {
		PolicyName string
		PolicyArn  string
	}
	var list struct {
		Member []policy `xml:"member"`
	}
	for _, k := range keys {
		if strings.HasPrefix(k, "arn:") {
			list.Member = append(list.Member, policy{k[strings.LastIndex(k, "/")+1:], k})
		}
	}
	queryResponse(w, iamNamespace, "ListAttachedRolePolicies", struct {
		AttachedPolicies any
		IsTruncated      bool
	}{list, false})
}

func (d *Deployment) getRolePolicy(w http.ResponseWriter, c *Call, roleName, policyName string) {
	role := d.roleByName(roleName)
	if role == nil {
		noSuchRole(w, c, roleName)
		return
	}
	doc, ok := role.Policies[policyName]
	if !ok || strings.HasPrefix(policyName, "arn:") {
		queryError(w, c, iamNamespace, http.StatusNotFound, "NoSuchEntity",
			fmt.Sprintf("The role policy with name %s cannot be found.", policyName))
		return
	}
	queryResponse(w, iamNamespace, "GetRolePolicy", struct {
		RoleName       string
		PolicyName     string
		PolicyDocument string
	}{roleName, policyName, encodePolicy(doc)})
}

// managedPolicy finds an attached managed policy by ARN.
func (d *Deployment) managedPolicy(arn string) (policies.Document, int, bool) {
	attachments := 0
	var doc policies.Document
	for _, role := range d.Roles {
		if p, ok := role.Policies[arn]; ok {
			doc = p
			attachments++
		}
	}
	return doc, attachments, attachments > 0
}

func (d *Deployment) getPolicy(w http.ResponseWriter, c *Call, arn, version string, withDocument bool) {
	doc, attachments, ok := d.managedPolicy(arn)
	if !ok || (withDocument && version != policyVersion) {
		queryError(w, c, iamNamespace, http.StatusNotFound, "NoSuchEntity", fmt.Sprintf("Policy %s was not found.", arn))
		return
	}
	if withDocument {
		type versionXML struct {
			Document         string
			VersionID        string `xml:"VersionId"`
			IsDefaultVersion bool
			CreateDate       string
		}
		queryResponse(w, iamNamespace, "GetPolicyVersion", struct{ PolicyVersion versionXML }{
			versionXML{encodePolicy(doc), policyVersion, true, created.Format(time.RFC3339)}})
		return
	}
	type policyXML struct {
		PolicyName       string
		PolicyID         string `xml:"PolicyId"`
		Arn              string
		Path             string
		DefaultVersionID string `xml:"DefaultVersionId"`
		AttachmentCount  int
		IsAttachable     bool
		CreateDate       string
		UpdateDate       string
	}
	name := arn[strings.LastIndex(arn, "/")+1:]
	path := "/"
	if _, rest, ok := strings.Cut(arn, ":policy"); ok {
		path = rest[:strings.LastIndex(rest, "/")+1]
	}
	queryResponse(w, iamNamespace, "GetPolicy", struct{ Policy policyXML }{policyXML{
		name, "ANPA" + randomTokenFrom(arn, 17), arn, path, policyVersion, attachments, true,
		created.Format(time.RFC3339), created.Format(time.RFC3339)}})
}

// simulatePrincipalPolicy evaluates each action on each resource for a role, with an optional
// resource (bucket) policy and context entries, as IAM's policy simulator does within one account.
func (d *Deployment) simulatePrincipalPolicy(w http.ResponseWriter, c *Call, form url.Values) {
	source := form.Get("PolicySourceArn")
	actions, resources := members(form, "ActionNames"), members(form, "ResourceArns")
	c.param("PolicySourceArn", source)
	c.param("ActionNames", actions...)
	c.param("ResourceArns", resources...)
	ctx := map[string][]string{}
	for i := 1; ; i++ {
		prefix := fmt.Sprintf("ContextEntries.member.%d.", i)
		key, ok := form[prefix+"ContextKeyName"]
		if !ok {
			break
		}
		values := members(form, prefix+"ContextKeyValues")
		ctx[key[0]] = values
		for _, v := range values {
			c.param("ContextEntries", key[0]+"="+v)
		}
	}
	var resourcePolicy *policies.Document
	if raw := form.Get("ResourcePolicy"); raw != "" {
		c.param("ResourcePolicy", raw)
		doc, err := policies.Parse(raw)
		if err != nil {
			queryError(w, c, iamNamespace, http.StatusBadRequest, "InvalidInput", "ResourcePolicy is not a valid policy document: "+err.Error())
			return
		}
		resourcePolicy = &doc
		// The simulator evaluates a resource policy only for IAM users: with a role as the source,
		// CallerArn (which must be a user) is required (IAM API reference, SimulatePrincipalPolicy).
		if form.Get("CallerArn") == "" && !strings.Contains(source, ":user/") {
			queryError(w, c, iamNamespace, http.StatusBadRequest, "InvalidInput",
				"Invalid Input: CallerArn is required when ResourcePolicy is specified and PolicySourceArn is not an IAM user")
			return
		}
	}
	if len(actions) == 0 {
		queryError(w, c, iamNamespace, http.StatusBadRequest, "ValidationError",
			validationError("actionNames", "Member must not be null", "null"))
		return
	}
	role := d.Roles[source]
	if role == nil {
		queryError(w, c, iamNamespace, http.StatusBadRequest, "InvalidInput", fmt.Sprintf("Invalid PolicySourceArn %s: no such role.", source))
		return
	}
	if len(resources) == 0 {
		resources = []string{"*"}
	}

	type statement struct {
		SourcePolicyID   string `xml:"SourcePolicyId"`
		SourcePolicyType string
	}
	type result struct {
		EvalActionName    string
		EvalResourceName  string
		EvalDecision      string
		MatchedStatements struct {
			Member []statement `xml:"member"`
		}
		MissingContextValues memberList
	}
	var results struct {
		Member []result `xml:"member"`
	}
	for _, action := range actions {
		for _, res := range resources {
			ev, err := evaluate(evalRequest{
				role: role, principals: []string{role.ARN}, action: action, resource: res,
				resourcePolicy: resourcePolicy, context: ctx,
			})
			if err != nil {
				queryError(w, c, iamNamespace, http.StatusInternalServerError, "ServiceFailure", "standin: "+err.Error())
				return
			}
			out := result{EvalActionName: action, EvalResourceName: res, EvalDecision: simulatorDecision(ev.decision),
				MissingContextValues: ev.missing}
			for _, m := range ev.matched {
				out.MatchedStatements.Member = append(out.MatchedStatements.Member, statement{m.policyID, m.policyType})
			}
			results.Member = append(results.Member, out)
		}
	}
	queryResponse(w, iamNamespace, "SimulatePrincipalPolicy", struct {
		EvaluationResults any
		IsTruncated       bool
	}{results, false})
}

// simulatorDecision is iamsim's decision in the simulator's words.
func simulatorDecision(d iamsim.Decision) string {
	switch d {
	case iamsim.Allowed:
		return "allowed"
	case iamsim.ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}
