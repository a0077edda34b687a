package wechat

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
)

// Notification is an API v3 notification body (回调通知), as WeChat Pay's
// API v3 guide to certificate and callback decryption (证书和回调报文解密)
// describes it. Its resource is encrypted; [Resource.Decrypt] opens it.
type Notification struct {
	ID           string   `json:"id"`
	CreateTime   string   `json:"create_time"`
	EventType    string   `json:"event_type"` // such as TRANSACTION.SUCCESS
	ResourceType string   `json:"resource_type"`
	Resource     Resource `json:"resource"`
	Summary      string   `json:"summary"`
}

// Resource is the encrypted part of a notification.
type Resource struct {
	Algorithm      string `json:"algorithm"` // AEAD_AES_256_GCM
	Ciphertext     string `json:"ciphertext"`
	AssociatedData string `json:"associated_data"`
	Nonce          string `json:"nonce"`
	OriginalType   string `json:"original_type"`
}

// ParseNotification reads a notification body. Verify its signature with
// a [Verifier] first.
func ParseNotification(body []byte) (Notification, error) {
	var n Notification
	if err := json.Unmarshal(body, &n); err != nil {
		return Notification{}, paramErr("notification", ErrSyntax)
	}
	if n.ID == "" || n.Resource.Ciphertext == "" {
		return Notification{}, paramErr("notification", ErrMissing)
	}
	return n, nil
}

// Decrypt opens the resource with the merchant's API v3 key:
// AES-GCM with the nonce as IV and associated_data as additional data.
// Production keys are 32 bytes (AES-256, as the algorithm's name says);
// 16- and 24-byte keys are accepted, as WeChat Pay's own SDK accepts them.
func (r Resource) Decrypt(apiV3Key Secret) ([]byte, error) {
	if r.Algorithm != "" && r.Algorithm != "AEAD_AES_256_GCM" {
		return nil, paramErr("algorithm", ErrFormat)
	}
	ct, err := base64.StdEncoding.DecodeString(r.Ciphertext)
	if err != nil {
		return nil, paramErr("ciphertext", ErrSyntax)
	}
	block, err := aes.NewCipher([]byte(apiV3Key.Reveal()))
	if err != nil {
		return nil, paramErr("api v3 key", ErrFormat)
	}
	gcm, err := cipher.NewGCMWithNonceSize(block, len(r.Nonce))
	if err != nil { // an empty nonce too
		return nil, paramErr("nonce", ErrFormat)
	}
	plain, err := gcm.Open(nil, []byte(r.Nonce), ct, []byte(r.AssociatedData))
	if err != nil {
		return nil, paramErr("ciphertext", ErrDecrypt)
	}
	return plain, nil
}
