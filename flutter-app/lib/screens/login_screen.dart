import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../l10n/app_localizations.dart';
import '../state/providers.dart';

/// Log in or sign up in Keycloak's pages (system browser, Authorization Code + PKCE).
class LoginScreen extends ConsumerWidget {
  const LoginScreen({super.key});

  Future<void> _go(BuildContext context, WidgetRef ref, {required bool signUp}) async {
    final ok = await ref.read(authControllerProvider.notifier).signIn(signUp: signUp);
    if (ok && context.mounted) {
      if (context.canPop()) {
        context.pop();
      } else {
        context.go('/');
      }
    }
  }

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final auth = ref.watch(authControllerProvider);
    return Scaffold(
      appBar: AppBar(),
      body: SafeArea(
        child: Padding(
          padding: const EdgeInsets.all(24),
          child: Column(
            crossAxisAlignment: CrossAxisAlignment.stretch,
            children: [
              const Spacer(),
              const Icon(Icons.storefront, size: 72, color: Color(0xFFFF6F0F)),
              const SizedBox(height: 16),
              Text(l10n.appTitle, textAlign: TextAlign.center, style: Theme.of(context).textTheme.headlineMedium),
              const SizedBox(height: 8),
              Text(l10n.text('loginTitle'), textAlign: TextAlign.center, style: Theme.of(context).textTheme.titleMedium),
              const SizedBox(height: 8),
              Text(l10n.text('loginSubtitle'), textAlign: TextAlign.center),
              const Spacer(),
              if (auth.error != null)
                Padding(
                  padding: const EdgeInsets.only(bottom: 12),
                  child: Text(
                    l10n.text('loginFailed', {'message': auth.error!}),
                    key: const ValueKey('login-error'),
                    textAlign: TextAlign.center,
                    style: TextStyle(color: Theme.of(context).colorScheme.error),
                  ),
                ),
              FilledButton(
                key: const ValueKey('login-button'),
                onPressed: auth.busy ? null : () => _go(context, ref, signUp: false),
                child: Text(l10n.text('login')),
              ),
              const SizedBox(height: 8),
              OutlinedButton(
                key: const ValueKey('signup-button'),
                onPressed: auth.busy ? null : () => _go(context, ref, signUp: true),
                child: Text(l10n.text('signUp')),
              ),
            ],
          ),
        ),
      ),
    );
  }
}
