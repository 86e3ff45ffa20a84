// Package invite resends expired Cognito invitations and lists the users who have not signed in yet:
// the logic of cmd/invite. A temporary password expires after 7 days, and users miss the email.
package invite

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// TemporaryPasswordValidity is how long an invitation's temporary password works: the stack's
// passwordPolicy.temporaryPasswordValidityDays.
const TemporaryPasswordValidity = 7 * 24 * time.Hour

// PendingFilter selects, in ListUsers, the users who have not yet replaced their temporary password.
const PendingFilter = `cognito:user_status = "FORCE_CHANGE_PASSWORD"`

// Client is the part of the Cognito user pools API the command calls.
type Client interface {
	AdminCreateUser(ctx context.Context, in *cip.AdminCreateUserInput, opts ...func(*cip.Options)) (*cip.AdminCreateUserOutput, error)
	ListUsers(ctx context.Context, in *cip.ListUsersInput, opts ...func(*cip.Options)) (*cip.ListUsersOutput, error)
}

// Pending is a user still in FORCE_CHANGE_PASSWORD: invited, never signed in.
type Pending struct {
	Email   string    `json:"email"`
	Created time.Time `json:"created"`
	// LastChanged is the user's last modification: a resent invitation, or any attribute update.
	LastChanged time.Time `json:"lastChanged"`
	// TemporaryPassword is PasswordValid, PasswordExpired or PasswordUnclear.
	TemporaryPassword string `json:"temporaryPassword"`
}

// The temporary password's state. Cognito records when a user was created and last modified, not when
// the invitation was last sent: a user created more than TemporaryPasswordValidity ago but changed since
// holds a valid password only if that change was a resend.
const (
	PasswordValid   = "valid"
	PasswordExpired = "expired"
	PasswordUnclear = "valid only if the last change was a resend"
)

// ListPending returns the pool's pending users, the oldest first, following every page.
func ListPending(ctx context.Context, c Client, poolID string, now time.Time) ([]Pending, error) {
	var out []Pending
	var token *string
	for {
		page, err := c.ListUsers(ctx, &cip.ListUsersInput{
			UserPoolId:      aws.String(poolID),
			Filter:          aws.String(PendingFilter),
			Limit:           aws.Int32(60),
			PaginationToken: token,
		})
		if err != nil {
			return nil, fmt.Errorf("listing the users of %s: %w", poolID, err)
		}
		for _, u := range page.Users {
			created, changed := aws.ToTime(u.UserCreateDate).UTC(), aws.ToTime(u.UserLastModifiedDate).UTC()
			if changed.Before(created) {
				changed = created
			}
			state := PasswordValid
			switch {
			case now.Sub(changed) > TemporaryPasswordValidity:
				state = PasswordExpired
			case now.Sub(created) > TemporaryPasswordValidity:
				state = PasswordUnclear
			}
			out = append(out, Pending{Email: email(u), Created: created, LastChanged: changed, TemporaryPassword: state})
		}
		if aws.ToString(page.PaginationToken) == "" {
			break
		}
		token = page.PaginationToken
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, nil
}

func email(u types.UserType) string {
	for _, a := range u.Attributes {
		if aws.ToString(a.Name) == "email" {
			return aws.ToString(a.Value)
		}
	}
	return aws.ToString(u.Username)
}

// ErrNotPending says the user has signed in already (or is disabled): there is nothing to resend.
var ErrNotPending = errors.New("the user has already replaced the temporary password; use the hosted UI's 'Forgot your password?' instead")

// Resend re-sends a pending user's invitation by email with a new temporary password, valid again for
// TemporaryPasswordValidity (AdminCreateUser with MessageAction RESEND). Each resend is one email of
// the pool's sender: with Cognito's default sender, one of the 50 a day.
func Resend(ctx context.Context, c Client, poolID, address string) error {
	_, err := c.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId:             aws.String(poolID),
		Username:               aws.String(strings.ToLower(address)), // the stack's usernames are lower case
		MessageAction:          types.MessageActionTypeResend,
		DesiredDeliveryMediums: []types.DeliveryMediumType{types.DeliveryMediumTypeEmail},
	})
	var unsupported *types.UnsupportedUserStateException
	var notFound *types.UserNotFoundException
	var limit *types.LimitExceededException
	switch {
	case err == nil:
		return nil
	case errors.As(err, &unsupported):
		return fmt.Errorf("%s: %w", address, ErrNotPending)
	case errors.As(err, &notFound):
		return fmt.Errorf("%s is not a user of %s: add it to the stack's users and run pulumi up", address, poolID)
	case errors.As(err, &limit) || strings.Contains(err.Error(), "Exceeded daily email limit"):
		return fmt.Errorf("%s: Cognito's default sender has sent its 50 emails for today; try tomorrow, or configure emailSender (SES): %w", address, err)
	}
	return fmt.Errorf("resending the invitation of %s: %w", address, err)
}

// RegionOf is the region of a user pool id ("eu-west-2_AbC123").
func RegionOf(poolID string) (string, error) {
	region, _, ok := strings.Cut(poolID, "_")
	if !ok || region == "" {
		return "", fmt.Errorf("%q is not a user pool id (REGION_ID)", poolID)
	}
	return region, nil
}
