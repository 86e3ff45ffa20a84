package providertruth

// Provider truth for a user's membership of a user pool group (aws:cognito/userInGroup:UserInGroup,
// terraform aws_cognito_user_in_group): what puts a bootstrap user into an access tier's group, so that
// their tokens carry the group in cognito:groups.
//
// Version note. pulumi-aws v6.83.4 bridges terraform-provider-aws v5.100.0, which could not be fetched
// (the repository is over the fetch limit). user_in_group.go was read in these stored copies:
//   - hashicorp@5e1f05bf: aws-sdk-go-v2, `meta interface{}`, the importer-less resource with a random ID.
//   - isometry/terraform-provider-faws@e00409b2: the fork already used for identity_provider.go
//     (cognito_federation.go). Its user_in_group.go is the same as the hashicorp copy apart from import paths.
//   - A later hashicorp copy (`meta any`, with user_in_group_migrate.go), for contrast only. That copy has
//     the v6.0.0 change (hashicorp/terraform-provider-aws#34082, closing #31404): an importer, the ID
//     "<user_pool_id>,<group_name>,<username>", schema version 1 and a state upgrader. v5.100.0 is the
//     last v5 release and has none of this. pulumi-aws v6.83.4 agrees: its sdk/go/aws/cognito/userInGroup.go
//     has no "## Import" section, but userGroup.go does. (Read in the local module cache:
//     $(go env GOMODCACHE)/github.com/pulumi/pulumi-aws/sdk/v6@v6.83.4/go/aws/cognito/userInGroup.go.)
// The three inputs, their ForceNew, the validators and the three API calls are the same in all the copies.
// The links below carry no line anchors.
// The API constraints come from the botocore model of cognito-idp 2016-04-18 (botocore 1.43.11), the
// machine-readable API reference, and they match the HTML reference linked below.

const (
	uigAPI    = "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/"
	uigSrc    = TerraformAWS + "internal/service/cognitoidp/user_in_group.go"
	uigValSrc = TerraformAWS + "internal/service/cognitoidp/validate.go"
	uigSDK    = PulumiAWS + "sdk/go/aws/cognito/userInGroup.go"
	uigPulumi = PulumiAWS + "provider/resources.go"
	uigTFPull = "https://github.com/hashicorp/terraform-provider-aws/pull/"
	uigTFIss  = "https://github.com/hashicorp/terraform-provider-aws/issues/"

	uigAdd        = uigAPI + "API_AdminAddUserToGroup.html"
	uigRemove     = uigAPI + "API_AdminRemoveUserFromGroup.html"
	uigList       = uigAPI + "API_AdminListGroupsForUser.html"
	uigCaseConfig = uigAPI + "API_UsernameConfigurationType.html"
	uigAliases    = "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases"
	uigDBRTest    = "https://github.com/pulumi/pulumi/blob/master/tests/integration/delete_before_create/step2/index.ts"
)

// Names of the account facts below, for the lifecycle double (awsdouble.Facts) to enforce by.
const (
	FactUserInGroupNeedsGroup     = "the group must exist in the pool"
	FactUserInGroupNeedsUser      = "the user must exist in the pool"
	FactUserInGroupUsernameAlias  = "the username may be the user's username, an alias or the sub"
	FactUserInGroupEndsWithMember = "deleting the user or the group ends the membership"
	FactUserInGroupSameMember     = "a replacement naming the same member removes it"
	FactUserInGroupRemoveGone     = "removing a membership whose user, group or pool is gone fails"
	FactUserInGroupNoImport       = "the membership's ID is random and cannot be imported"
	FactUserInGroupIAMActions     = "the membership calls need their own IAM actions"
)

func init() {
	register(cognitoUserInGroup())
}

// ---------------------------------------------------------------------------------------------------
// aws:cognito/userInGroup:UserInGroup

func cognitoUserInGroup() Resource {
	return Resource{
		Token:     "aws:cognito/userInGroup:UserInGroup",
		Terraform: "aws_cognito_user_in_group",
		Source:    uigSrc,
		API:       uigAdd + " , " + uigList + " , " + uigRemove,
		// No `name` input, so no auto-naming. The bridge's delete-before-replace for an explicitly named
		// resource does not apply either.
		AutoName:            nil,
		DeleteBeforeReplace: false,
		Overrides: "pulumi-aws v6 maps aws_cognito_user_in_group to the token only: {Tok: awsResource(cognitoMod, \"UserInGroup\")}, " +
			"with no field overrides and no DeleteBeforeReplace (" + uigPulumi + ", Cognito section of the resource map). The IAM " +
			"attachments in the same map do set DeleteBeforeReplace, because \"a create followed by a delete actually deletes the " +
			"same attachment we just created\". The same holds here (see World), but the map does not say so for this type. The SDK's " +
			"NewUserInGroup requires GroupName, UserPoolId and Username (" + uigSDK + "). " +
			"Terraform (SDKv2, v5.100.0): all three inputs are Required and ForceNew. There is no Update, so any change replaces " +
			"the membership. There is no Importer. " +
			"Create sends one AdminAddUserToGroup{GroupName, UserPoolId, Username} with the values exactly as configured " +
			"(d.GetOk on each; all three are always set). It then sets the ID to id.UniqueId(), a random " +
			"\"terraform-<timestamp><counter>\", and reads. " +
			"Read (findGroupUserByThreePartKey) pages through AdminListGroupsForUser{Username, UserPoolId} and looks for a group " +
			"whose GroupName equals group_name (exact string comparison). UserNotFoundException or ResourceNotFoundException, or " +
			"no such group, means not found. Outside create, not found removes the membership from the state (a refresh drops it, " +
			"and the next `up` adds it again). During create, not found is an error: \"reading Cognito Group User (<id>): ...\". " +
			"Read sets no attribute: the state keeps the inputs as configured. So there is no perpetual diff from letter case, or " +
			"from AWS knowing an email-username user by its UUID. " +
			"Delete sends AdminRemoveUserFromGroup{GroupName, Username, UserPoolId} from the state. It ignores no error. " +
			"No known issue reports a perpetual diff for this resource. The known issues are about the ID and import: " +
			uigTFIss + "31404 and " + uigTFPull + "34082, released in v6.0.0, not in v5.100.0.",
		Properties: []Property{
			{
				Path:     "userPoolId",
				ForceNew: true,
				Required: true,
				Sends: "UserPoolId on AdminAddUserToGroup, on AdminListGroupsForUser (every read) and on AdminRemoveUserFromGroup. " +
					"ForceNew: a replaced pool replaces every membership, and the memberships of the old pool went with it.",
				AWS:    "UserPoolId: 1..55 characters matching [\\w-]+_[0-9a-zA-Z]+.",
				Check:  cognitoAppPoolID(),
				Source: uigSrc + " (user_pool_id: Required, ForceNew, validUserPoolID), " + uigValSrc + ", " + uigAdd + "#CognitoUserPools-AdminAddUserToGroup-request-UserPoolId",
			},
			{
				Path:     "groupName",
				ForceNew: true,
				Required: true,
				Sends: "GroupName on AdminAddUserToGroup and AdminRemoveUserFromGroup, exactly as configured. Read compares it with the " +
					"GroupName of each group AdminListGroupsForUser returns, by exact string equality. ForceNew: moving a user to " +
					"another tier creates the new membership, then removes the old one (create-before-delete). Pass the group " +
					"resource's `name` output, not a string of the same value, so that the membership depends on the group (see World).",
				AWS: "GroupName: 1..128 characters matching [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+ (no spaces). It must name an existing group " +
					"of the pool: ResourceNotFoundException otherwise (message \"Group not found.\").",
				Check:  All(Length(1, 128), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)),
				Source: uigSrc + " (group_name: Required, ForceNew, validUserGroupName), " + uigValSrc + ", " + uigAdd + "#CognitoUserPools-AdminAddUserToGroup-request-GroupName",
			},
			{
				Path:     "username",
				ForceNew: true,
				Required: true,
				Sends: "Username on AdminAddUserToGroup, on AdminListGroupsForUser (every read) and on AdminRemoveUserFromGroup, exactly " +
					"as configured. The case is kept, and the provider never translates an email into the user's UUID username. " +
					"ForceNew: any change replaces the membership, even a change of letter case only (see World, \"" +
					FactUserInGroupSameMember + "\"). Not marked Sensitive in the schema, although the API model marks Username " +
					"sensitive: the email stays readable in the state. Pass the user resource's `username` output, so that the " +
					"membership depends on the user. The aws:cognito/user:User table says that output is the username as configured " +
					"(the email), not the UUID.",
				AWS: "Username: 1..128 characters matching [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+. The API reference says: \"typically your user's " +
					"username, but it can be any of their alias attributes. If username isn't an alias attribute in your user pool, " +
					"this value must be the sub of a local user or the username of a user from a third-party IdP.\" It must resolve " +
					"to an existing user of the pool: UserNotFoundException otherwise (message \"User does not exist.\"). For an " +
					"email-username pool, see World, \"" + FactUserInGroupUsernameAlias + "\".",
				Check: All(Length(1, 128), Pattern(`[\p{L}\p{M}\p{S}\p{N}\p{P}]+`)),
				Source: uigSrc + " (username: Required, ForceNew, StringLenBetween(1, 128)), " + uigAdd + "#CognitoUserPools-AdminAddUserToGroup-request-Username, " +
					"https://docs.aws.amazon.com/sdk-for-ruby/v3/api/Aws/CognitoIdentityProvider/Types/AdminAddUserToGroupRequest.html (SENSITIVE = [:username])",
			},
		},
		World: []Fact{
			{
				Name: FactUserInGroupNeedsGroup,
				Detail: "AdminAddUserToGroup adds a user to an existing group of the pool. If the group does not exist (not created yet, or " +
					"deleted), the call fails with ResourceNotFoundException \"Group not found.\". The group is a separate resource " +
					"(aws:cognito/userGroup:UserGroup), so the membership must depend on it. Pulumi orders the two only if the " +
					"membership takes the group's `name` output (or has dependsOn). A plain string lets the engine create both at " +
					"once, and the membership can fail on the first `up`. A missing pool also fails with ResourceNotFoundException.",
				Source: uigAdd + "#API_AdminAddUserToGroup_Errors, https://github.com/aws-amplify/amplify-cli/issues/2214 " +
					"(\"ResourceNotFoundException: Group not found.\" from AdminAddUserToGroup)",
			},
			{
				Name: FactUserInGroupNeedsUser,
				Detail: "The user must exist in the same pool: otherwise UserNotFoundException \"User does not exist.\". The user is a " +
					"separate resource (aws:cognito/user:User, AdminCreateUser), so the membership must depend on it too: take the " +
					"user's `username` output, not the config's email string. Then a deployment creates the pool, then the group and " +
					"the user, then the membership. A double should refuse a create whose (userPoolId, username) matches no user of " +
					"the pool (compare case-insensitively when the pool's usernameConfiguration.caseSensitive is false, and accept the " +
					"user's email or sub in an email-username pool), and one whose (userPoolId, groupName) matches no group.",
				Source: uigAdd + "#API_AdminAddUserToGroup_Errors, https://github.com/go-to-k/cdkd/pull/935 (AdminAddUserToGroup with " +
					"a username that is not the user's fails \"User does not exist\"), " + uigCaseConfig,
			},
			{
				Name: FactUserInGroupUsernameAlias,
				Detail: "In a pool with usernameAttributes [email] (this stack's pools), Cognito stores a generated UUID (the sub) as " +
					"the username, and the email is the sign-in attribute. The provider sends the email. Does AdminAddUserToGroup " +
					"accept it? PROBABLY YES, NOT CONFIRMED against a real account. For: (1) the API reference's Username text " +
					"(\"it can be any of their alias attributes\"), which AdminListGroupsForUser and AdminRemoveUserFromGroup share. " +
					"(2) The same email-as-username call works for AdminGetUser in such pools: aws_cognito_user reads its users that " +
					"way, and hashicorp/terraform-provider-aws#38175 shows the read answering with the UUID. (3) Emulator reports " +
					"say AWS accepts the sub, the email or the username in Admin calls, and that it answers AdminListGroupsForUser by " +
					"email in such pools (floci-io/floci#220, jagregory/cognito-local#405). Against: one 2019 report that a " +
					"CloudFormation UserPoolUserToGroupAttachment naming the email did not work \"since Cognito seems to use the user " +
					"sub as its username\" (CuistotduCoin/front#11). It quotes no error, and there was no follow-up. With " +
					"usernameConfiguration.caseSensitive false, AWS applies case insensitivity to \"all username input\" through " +
					"its APIs, the email alias included. So Jane@x and jane@x name the same user. Check on the first deploy: the " +
					"membership is created, and the bootstrap user's id token carries the group in cognito:groups.",
				Source: uigAdd + "#CognitoUserPools-AdminAddUserToGroup-request-Username, " + uigAliases + ", " + uigCaseConfig + ", " +
					uigTFIss + "38175, https://github.com/floci-io/floci/issues/220, https://github.com/jagregory/cognito-local/issues/405, " +
					"https://github.com/CuistotduCoin/front/issues/11",
			},
			{
				Name: FactUserInGroupEndsWithMember,
				Detail: "A membership belongs to the user and the group. When either is deleted (a replaced user or group, or a deletion " +
					"outside Pulumi), the membership is gone. A user or group made again under the same name has no memberships. " +
					"A replacement that deletes before it creates (a group with an explicit name, see aws:cognito/userGroup:UserGroup) " +
					"makes the engine delete and re-create the dependents whose replacing inputs come from it. Every input here " +
					"replaces, so a membership that takes the group's `name` output is re-created with the group. One that names the " +
					"group by a plain string is not, and the user silently leaves the tier. After a deletion outside Pulumi, only a " +
					"refresh notices (AdminListGroupsForUser: UserNotFoundException, or the group missing from the list). The refresh " +
					"drops the membership from the state, and the next `up` adds it again.",
				Source: uigList + ", " + uigSrc + " (resourceUserInGroupRead: not found outside create removes from state), " + uigDBRTest,
			},
			{
				Name: FactUserInGroupSameMember,
				Detail: "pulumi-aws sets no DeleteBeforeReplace for this type, so a replacement first calls AdminAddUserToGroup with the " +
					"new inputs, then AdminRemoveUserFromGroup with the old ones. When old and new name the same (pool, group, user), " +
					"the add changes nothing and the remove takes the user out of the group. The state then says the user is in the " +
					"group, but AWS does not. This happens when the username changes in letter case only, in a case-insensitive pool, " +
					"or changes between the email and the sub of one user. Guard against it: give the membership the resource option " +
					"deleteBeforeReplace, or keep the username stable (the lower-cased email).",
				Source: uigPulumi + " (aws_cognito_user_in_group: Tok only; compare aws_iam_role_policy_attachment's DeleteBeforeReplace " +
					"comment), " + uigSrc + " (Create and Delete), " + uigCaseConfig,
			},
			{
				Name: FactUserInGroupRemoveGone,
				Detail: "At v5.100.0, Delete passes on every AdminRemoveUserFromGroup error, UserNotFoundException and " +
					"ResourceNotFoundException included. Removing a membership whose user, group or pool is already gone, without a " +
					"refresh first, fails the destroy or replacement with \"deleting Cognito Group User (<id>): ...\". Normally Pulumi " +
					"deletes the membership before the user, the group and the pool, because it depends on them. The " +
					"crossplane-contrib/provider-upjet-aws#25 report shows user-in-group deletions stuck once the pool was gone.",
				Source: uigSrc + " (resourceUserInGroupDelete), " + uigRemove + "#API_AdminRemoveUserFromGroup_Errors, " +
					"https://github.com/crossplane-contrib/provider-upjet-aws/issues/25",
			},
			{
				Name: FactUserInGroupNoImport,
				Detail: "The ID is id.UniqueId() (\"terraform-<timestamp><counter>\"), unrelated to the membership, and the resource has " +
					"no importer at v5.100.0. `pulumi import` cannot adopt a membership made in the console. Declaring it makes the " +
					"first `up` call AdminAddUserToGroup, and Cognito is expected to accept an existing membership without error: " +
					"the API lists no \"already a member\" error, but this is NOT CONFIRMED. v6.0.0 changed the ID to " +
					"\"<user_pool_id>,<group_name>,<username>\" and added import.",
				Source: uigSrc + " (d.SetId(id.UniqueId()); no Importer), " + uigSDK + " (no Import section), " + uigTFIss + "31404, " +
					uigTFPull + "34082, " + uigAdd + "#API_AdminAddUserToGroup_Errors",
			},
			{
				Name: FactUserInGroupIAMActions,
				Detail: "Create calls cognito-idp:AdminAddUserToGroup, every read calls cognito-idp:AdminListGroupsForUser, and delete " +
					"calls cognito-idp:AdminRemoveUserFromGroup, all on the user pool ARN. The deploy role needs all three. A preview " +
					"role that refreshes needs AdminListGroupsForUser: \"cognito-idp:List*\" does not match it, because the action " +
					"name begins with Admin.",
				Source: uigSrc + ", " + uigAdd + ", " + uigList + ", " + uigRemove,
			},
		},
	}
}
