package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Award gives the user an achievement once: a new award publishes
// achievement_awarded and asks notify to tell the user; a repeated one does
// nothing. It joins the caller's transaction (a consumer's inbox write).
func (a *App) Award(ctx context.Context, uid, code string) error {
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		now := a.now()
		ok, err := a.repo.Award(ctx, domain.Achievement{UserID: uid, Code: code, AwardedAt: now})
		if err != nil || !ok {
			return nil, err
		}
		var ev events
		ev.add(profilesapi.EventAchievementAwarded, uid, profilesapi.AchievementAwardedV1{UserID: uid, Code: code, AwardedAt: now})
		data := map[string]string{profilesapi.DataCode: code}
		for _, info := range profilesapi.Achievements {
			if info.Code == code {
				data[profilesapi.DataTitleRU], data[profilesapi.DataTitleEN] = info.Name.RU, info.Name.EN
			}
		}
		ev.notification(profilesapi.NotifyAchievementAwarded, uid, data)
		return ev.result()
	})
}

// CheckProfileComplete awards profile_complete when the user's profile
// has a display name, an avatar, a birth year and a sport. A profile that
// no longer exists (the account was deleted) earns nothing.
func (a *App) CheckProfileComplete(ctx context.Context, uid string) error {
	p, err := a.repo.Profile(ctx, uid)
	if errors.Is(err, domain.ErrProfileNotFound) || err == nil && !p.Complete() {
		return nil
	}
	if err != nil {
		return err
	}
	return a.Award(ctx, uid, profilesapi.AchievementProfileComplete)
}

// CheckFirstFollower awards first_follower to a user who has a follower
// (the first accepted one: awards happen once).
func (a *App) CheckFirstFollower(ctx context.Context, uid string) error {
	if _, err := a.repo.Profile(ctx, uid); errors.Is(err, domain.ErrProfileNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	followers, _, err := a.repo.Counts(ctx, uid)
	if err != nil || followers == 0 {
		return err
	}
	return a.Award(ctx, uid, profilesapi.AchievementFirstFollower)
}
